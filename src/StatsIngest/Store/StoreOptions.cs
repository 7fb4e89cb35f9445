using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace StatsIngest.Store;

public sealed class StoreOptions
{
    public const string Section = "Store";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The connection string's name under <c>ConnectionStrings</c> (for <see cref="Postgres"/>).</summary>
    public const string ConnectionStringName = "StatsIngest";

    /// <summary>Where the store is: <c>sqlite</c> (a file in the data folder) or <c>postgres</c> (<c>ConnectionStrings:StatsIngest</c>).</summary>
    /// <value>The default value is sqlite.</value>
    public string Provider { get; set; } = Sqlite;

    /// <summary>How long a write waits for a database another process holds, in seconds (1 to 600), before it counts as a passing fault.</summary>
    /// <value>The default value is 30 seconds.</value>
    public double BusyTimeoutSeconds { get; set; } = 30;
}

/// <summary>A known provider, a connection string for PostgreSQL, a busy timeout in range.</summary>
public sealed class StoreOptionsValidator(IConfiguration configuration) : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var failures = new List<string>();
        if (options.Provider is not (StoreOptions.Sqlite or StoreOptions.Postgres))
        {
            failures.Add($"Store:Provider = '{options.Provider}' is not allowed: use {StoreOptions.Sqlite} (the default) or {StoreOptions.Postgres}.");
        }
        else if (options.Provider == StoreOptions.Postgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString(StoreOptions.ConnectionStringName)))
        {
            failures.Add($"Store:Provider = {StoreOptions.Postgres} needs ConnectionStrings:{StoreOptions.ConnectionStringName} (e.g. \"Host=db;Database=statsingest;Username=statsingest\").");
        }

        StatsIngest.Settings.SettingCheck.Range(failures, "Store:BusyTimeoutSeconds", options.BusyTimeoutSeconds, 1, 600, "seconds");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
