using System.Collections.Specialized;
using System.Globalization;
using Quartz;

namespace StatsIngest.Store.Postgres;

/// <summary>
/// Quartz.NET's clustered ADO job store on the PostgreSQL store's database: the properties every instance uses, and the
/// creation of Quartz's own tables (prefix <c>qrtz_</c>) by Quartz itself (its SchemaProvisioning = CreateIfMissing),
/// so they are exactly those of the Quartz version in use. Quartz adds no column to a table that exists: a Quartz
/// upgrade that changes its schema needs the migration scripts it publishes.
/// </summary>
public static class QuartzStore
{
    public const string SchedulerName = "statsingest";
    public const string TablePrefix = "qrtz_";

    /// <summary>How late a fire may be and still run (later, it is a misfire, which the triggers skip).</summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(5);

    /// <summary>The scheduler's properties: the ADO job store over Npgsql, clustered, JSON job data.</summary>
    public static NameValueCollection Properties(string connectionString, string instanceId, TimeSpan checkinInterval, bool createSchema = false) => new()
    {
        ["quartz.scheduler.instanceName"] = SchedulerName,
        ["quartz.scheduler.instanceId"] = instanceId,
        ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
        ["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz",
        ["quartz.jobStore.tablePrefix"] = TablePrefix,
        ["quartz.jobStore.dataSource"] = "store",
        ["quartz.dataSource.store.connectionString"] = connectionString,
        ["quartz.dataSource.store.provider"] = "Npgsql",
        ["quartz.jobStore.clustered"] = "true",
        // A fire more than this late (an instance died holding the trigger and was found dead after the check-in) is a
        // misfire, which the triggers' DoNothing skips, as a single instance does; a fire a moment late still runs.
        ["quartz.jobStore.misfireThreshold"] = ((long)MisfireThreshold.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ["quartz.jobStore.clusterCheckinInterval"] = ((long)checkinInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ["quartz.jobStore.schemaProvisioning"] = createSchema ? "CreateIfMissing" : "Validate",
        ["quartz.serializer.type"] = "stj",
        ["quartz.threadPool.maxConcurrency"] = "4",
    };

    /// <summary>Has Quartz create its tables where they are missing (a scheduler built and shut down, never started).</summary>
    public static async Task CreateSchema(string connectionString, CancellationToken cancel = default)
    {
        var properties = Properties(connectionString, "migrate-" + Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(15), createSchema: true);
        var scheduler = await QuartzSchedulerBuilder.Create(_ => { }).UseProperties(properties).BuildScheduler(cancel).ConfigureAwait(false);
        await scheduler.Shutdown(false, cancel).ConfigureAwait(false);
    }
}
