using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using StatsIngest.Collect;
using StatsIngest.Compute;
using StatsIngest.Domain;
using StatsIngest.Ingest;
using StatsIngest.Messages;
using StatsIngest.Normalize;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Normalize.Profiles;
using StatsIngest.Read;
using StatsIngest.Report;
using StatsIngest.Report.Sdmx;
using StatsIngest.Store;

namespace StatsIngest.Hosting;

/// <summary>
/// Composes the application. Configuration, in increasing precedence: config/appsettings.json next to the binary,
/// environment variables prefixed <c>STATSINGEST_</c> (<c>STATSINGEST_Inbox__QuietPeriodSeconds=5</c>), the command
/// line (<c>--Inbox:QuietPeriodSeconds=5</c>), then <paramref name="overrides"/> (tests, <c>--data</c>).
/// </summary>
public static class StatsIngestHost
{
    public static IHost Build(string[] args, HostMode mode, IDictionary<string, string?>? overrides = null, string? contentRoot = null)
    {
        var root = contentRoot ?? AppContext.BaseDirectory;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = root,
            ApplicationName = "StatsIngest",
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(root, "config", "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("STATSINGEST_")
            .AddCommandLine(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Services.AddWindowsService(o => o.ServiceName = "StatsIngest");
        builder.Services.AddSystemd();

        // A stop (SIGTERM, service stop) lets the file in hand finish and cancels collection; the host waits this long
        // for that before it gives up. Keep it below systemd's TimeoutStopSec (30 s in config/deploy/statsingest.service).
        var shutdown = builder.Configuration.GetValue<double?>("Service:ShutdownTimeoutSeconds") ?? 25;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Clamp(shutdown, 1, 3600)));
        if (mode == HostMode.OneShot)
        {
            // Command output goes to stdout; the log goes to stderr and says only what matters.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Services.PostConfigure<LoggerFilterOptions>(o =>
            {
                o.Rules.Clear();
                o.MinLevel = LogLevel.Warning;
            });
        }

        builder.AddStatsIngest(mode);
        var host = builder.Build();

        // Every setting is checked here, before anything runs: a command is not started as a host is (a limit out of
        // range found at the first file's reading would quarantine a good file for a setting's mistake), and the
        // service says an invalid setting in one line instead of the host's logged stack trace.
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    public static IHostApplicationBuilder AddStatsIngest(this IHostApplicationBuilder builder, HostMode mode)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CollectionOptionsValidator>();
        services.AddSingleton<IValidateOptions<DataOptions>>(sp => sp.GetRequiredService<CollectionOptionsValidator>());
        services.AddSingleton<IValidateOptions<InboxOptions>>(sp => sp.GetRequiredService<CollectionOptionsValidator>());
        services.AddSingleton<IValidateOptions<SourcesOptions>>(sp => sp.GetRequiredService<CollectionOptionsValidator>());
        services.AddSingleton<IValidateOptions<IndicatorOptions>, IndicatorOptionsValidator>();
        services.AddSingleton<IValidateOptions<LayoutOptions>, LayoutOptionsValidator>();
        services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>();
        services.AddSingleton<IValidateOptions<ReadLimits>, ReadLimitsValidator>();
        services.AddOptions<ReadLimits>().BindConfiguration(ReadLimits.Section).ValidateOnStart();
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section).ValidateOnStart();
        services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section).ValidateOnStart();
        services.AddOptions<IndicatorOptions>().BindConfiguration(IndicatorOptions.Section).ValidateOnStart();
        services.AddOptions<LayoutOptions>().BindConfiguration(LayoutOptions.Section).ValidateOnStart();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateOnStart();
        services.AddOptions<SourcesOptions>()
            .Configure<Microsoft.Extensions.Configuration.IConfiguration>((o, c) => c.GetSection(SourcesOptions.Section).Bind(o.Items))
            .ValidateOnStart();
        services.AddHttpClient(StatsIngest.Collect.SourceCollector.HttpClientName, c =>
        {
            // Timeouts are the Polly pipeline's (per attempt and overall); the client's own would cut across them.
            c.Timeout = Timeout.InfiniteTimeSpan;
            c.DefaultRequestHeaders.UserAgent.ParseAdd("StatsIngest/0.1");
        });
        services.AddSingleton<StatsIngest.Domain.ISourceStates, SourceStateStore>();
        services.AddSingleton<StatsIngestMetrics>();
        services.AddSingleton<StatsIngest.Collect.Deadlines>();
        services.AddSingleton<StatsIngest.Domain.ILateFiles>(sp => sp.GetRequiredService<StatsIngest.Collect.Deadlines>());
        services.AddSingleton<StatsIngest.Collect.SourceCollector>();

        services.AddSingleton(sp =>
        {
            var dir = sp.GetRequiredService<IOptions<DataOptions>>().Value.Directory;
            var env = sp.GetRequiredService<IHostEnvironment>();
            var root = Path.IsPathRooted(dir) ? dir : Path.Combine(env.ContentRootPath, dir);

            // In a cluster the instance is known to the others (it checked in) before its work/<id>/ exists.
            var cluster = sp.GetRequiredService<ICluster>();
            return new DataFolders(root, cluster.IsClustered ? cluster.InstanceId : null).EnsureCreated();
        });
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section).ValidateOnStart();
        services.AddSingleton<ICluster>(sp =>
        {
            if (sp.GetRequiredService<IOptions<StoreOptions>>().Value.Provider != StoreOptions.Postgres)
            {
                return new SingleInstance(sp.GetRequiredService<TimeProvider>());
            }

            var store = (StatsIngest.Store.Postgres.PostgresStoreDatabase)sp.GetRequiredService<ObservationStore>().Database; // migrated first
            return new StatsIngest.Store.Postgres.PostgresCluster(store, sp.GetRequiredService<IOptions<ClusterOptions>>().Value, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            if (store.Provider == StoreOptions.Postgres)
            {
                var connection = sp.GetRequiredService<IConfiguration>().GetConnectionString(StoreOptions.ConnectionStringName)!;
                return new ObservationStore(new StatsIngest.Store.Postgres.PostgresStoreDatabase(connection));
            }

            return new ObservationStore(sp.GetRequiredService<DataFolders>().DatabasePath, store.BusyTimeoutSeconds);
        });
        services.AddSingleton<IndicatorStore>();
        // The code lists apart: the indicators and reports need them, not the reader's vocabulary.
        services.AddSingleton(sp => ConfigFile(() => TableLexicon.LoadCodes(CodeListsDirectory(sp))));
        services.AddSingleton(sp => ConfigFile(() => TableLexicon.Load(CodeListsDirectory(sp), sp.GetRequiredService<CodeLists>())));
        services.AddSingleton(sp => ConfigFile(() => ProfileCatalog.Load(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, "config", ProfileCatalog.FileName))));
        services.AddSingleton(sp => new ReadingDefaults(
            sp.GetRequiredService<IOptions<IndicatorOptions>>().Value.DefaultRegion,
            sp.GetRequiredService<IOptions<SourcesOptions>>().Value.Items.Select(SourceRule).OfType<SourceRule>().ToArray()));
        services.AddSingleton<NormalizeContextFactory>();
        services.AddSingleton<StatsIngest.Compute.TargetProfiles>();
        services.AddSingleton<Normalizer>();
        services.AddSingleton<WorkArea>();
        services.AddSingleton<OrphanedWork>();
        services.AddSingleton<Quarantine>();
        services.AddSingleton<IngestStatus>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<IngestRunner>();
        services.AddSingleton(sp => new OutputFolder(sp.GetRequiredService<DataFolders>().Out));
        services.AddSingleton<WorkbookPublisher>();
        services.AddSingleton<ReportService>();
        services.AddSingleton(sp => ConfigFile(() => MessageCatalog.Load(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, "config", MessageCatalog.FileName))));
        services.AddSingleton(sp => ConfigFile(() => WorkbookWords.Load(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, "config", "report"))
            .WithMessages(sp.GetRequiredService<MessageCatalog>())));
        services.AddSingleton(sp => ConfigFile(() => AnalysisTemplates.Load(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, "config", "report"), sp.GetRequiredService<IOptions<ReportOptions>>().Value.Language)));
        services.AddSingleton(sp => ConfigFile(() => SdmxDefinitions.Load(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, "config", "codelists"))));
        services.AddSingleton<SdmxExporter>();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<IgnoredNames>();
        services.AddSingleton<InboxScanner>();

        if (mode == HostMode.Service)
        {
            services.AddSingleton<InboxProcessor>();
            services.AddHostedService(sp => sp.GetRequiredService<InboxProcessor>());
            var rescan = builder.Configuration.GetValue<double?>($"{InboxOptions.Section}:{nameof(InboxOptions.RescanIntervalSeconds)}") ?? new InboxOptions().RescanIntervalSeconds;
            var sources = new List<SourceDefinition>();
            builder.Configuration.GetSection(SourcesOptions.Section).Bind(sources);
            var clustered = builder.Configuration[$"{StoreOptions.Section}:{nameof(StoreOptions.Provider)}"] == StoreOptions.Postgres;
            services.AddQuartz(clustered ? ClusteredScheduler(builder.Configuration) : [], q =>
            {
                // In a cluster each job fires on one instance; every instance's inbox loop rescans on its own timer.
                if (!clustered)
                {
                    q.ScheduleJob<InboxRescanJob>(
                        trigger => trigger.WithIdentity("inbox-rescan-trigger", "inbox").StartNow()
                            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, rescan))).RepeatForever()),
                        job => job.WithIdentity(InboxRescanJob.Key));
                }

                foreach (var source in sources.Where(CollectJob.IsScheduled))
                {
                    q.ScheduleJob<CollectJob>(trigger => CollectJob.Trigger(trigger, source), job => CollectJob.Job(job, source));
                }
            });
            if (clustered)
            {
                // The cluster's job store keeps each source's job and trigger across restarts: a trigger declared again by
                // an instance joining would replace the one another instance is firing, and fire again the time just
                // fired. Only a schedule the configuration changed is replaced (StoredSchedules).
                services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
                services.AddHostedService<StoredSchedules>();
            }

            services.AddHostedService<CollectionCatchUp>();
            services.AddOptions<StatsIngest.Monitoring.MonitoringOptions>().BindConfiguration(StatsIngest.Monitoring.MonitoringOptions.Section).ValidateOnStart();
            services.AddSingleton<IValidateOptions<StatsIngest.Monitoring.MonitoringOptions>, StatsIngest.Monitoring.MonitoringOptionsValidator>();
            services.AddSingleton<StatsIngest.Monitoring.OperatorPage>();
            services.AddSingleton<StatsIngest.Monitoring.PrometheusText>();
            services.AddHealthChecks()
                .AddCheck<StatsIngest.Monitoring.DatabaseHealthCheck>("database")
                .AddCheck<StatsIngest.Monitoring.ClusterHealthCheck>("cluster")
                .AddCheck<StatsIngest.Monitoring.InboxHealthCheck>("inbox")
                .AddCheck<StatsIngest.Monitoring.IngestHealthCheck>("ingest")
                .AddCheck<StatsIngest.Monitoring.SourcesHealthCheck>("sources");
            services.AddSingleton<StatsIngest.Monitoring.MonitoringEndpoint>();
            services.AddHostedService(sp => sp.GetRequiredService<StatsIngest.Monitoring.MonitoringEndpoint>());
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }

        return builder;
    }

    /// <summary>
    /// Quartz's clustered ADO job store on the PostgreSQL store's database (its tables made by the migrations), as this
    /// instance (Cluster:InstanceId) checking in every Cluster:CheckinSeconds; none without a connection string (the
    /// store's validation says so).
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string?>> ClusteredScheduler(IConfiguration configuration)
    {
        if (configuration.GetConnectionString(StoreOptions.ConnectionStringName) is not { Length: > 0 } connection)
        {
            return [];
        }

        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        var properties = StatsIngest.Store.Postgres.QuartzStore.Properties(connection, cluster.EffectiveInstanceId, TimeSpan.FromSeconds(Math.Max(1, cluster.CheckinSeconds)));
        return properties.AllKeys.Select(k => new KeyValuePair<string, string?>(k!, properties[k]));
    }

    private static string CodeListsDirectory(IServiceProvider sp) =>
        Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, "config", "codelists");

    /// <summary>A configuration file that can not be read stops the program like an invalid setting: one line, exit 78.</summary>
    private static T ConfigFile<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new OptionsValidationException(typeof(T).Name, typeof(T), [ex.Message]);
        }
    }

    /// <summary>A file a collection source saved (<c>&lt;source&gt;_&lt;period&gt;.csv</c>) is read with the source's layout hints.</summary>
    private static SourceRule? SourceRule(SourceDefinition source) =>
        (source.Layout ?? source.Sheet ?? source.Region ?? source.Unit ?? source.Indicator) is null
            ? null
            : new SourceRule
            {
                Name = "source " + source.Name,
                FileNamePattern = source.Name + "_*",
                Layout = source.Layout,
                Sheet = source.Sheet,
                Region = source.Region,
                Unit = source.Unit,
                Indicator = source.Indicator,
            };
}
