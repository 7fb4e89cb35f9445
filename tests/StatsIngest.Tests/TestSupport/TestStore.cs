using StatsIngest.Store;
using StatsIngest.Store.Postgres;

namespace StatsIngest.Tests.TestSupport;

/// <summary>
/// A fresh store of one provider for a test: an SQLite file in a temporary folder, or a database of its own in the
/// PostgreSQL cluster .ci/run starts (the test is skipped with the reason where none runs). The same test runs on both:
/// <c>[SkippableTheory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]</c>.
/// </summary>
public sealed class TestStore : IDisposable
{
    private readonly PostgresDatabase? _postgres;

    private TestStore(string provider)
    {
        Provider = provider;
        Folder = new TempFolder();
        if (provider == StoreOptions.Postgres)
        {
            _postgres = PostgresDatabase.Create();
        }
    }

    public static TheoryData<string> Providers => new(StoreOptions.Sqlite, StoreOptions.Postgres);

    public string Provider { get; }

    public TempFolder Folder { get; }

    /// <summary>The data folder for the command line and the service.</summary>
    public string Data => Folder.File("data");

    /// <summary>The settings that put a command or the service on this store (none for SQLite, the default).</summary>
    public string[] Settings => _postgres is null
        ? []
        : ["--Store:Provider=postgres", "--ConnectionStrings:StatsIngest=" + _postgres.ConnectionString];

    public PostgresDatabase? Postgres => _postgres;

    public static TestStore Create(string provider) => new(provider);

    /// <summary>The store opened (again): a new object over the same database, as a new process would.</summary>
    public ObservationStore Open() => _postgres is null
        ? new ObservationStore(Folder.File("store.db"))
        : new ObservationStore(new PostgresStoreDatabase(_postgres.ConnectionString));

    public void Dispose()
    {
        _postgres?.Dispose();
        Folder.Dispose();
    }
}
