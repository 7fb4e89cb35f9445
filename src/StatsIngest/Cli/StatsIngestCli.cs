using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StatsIngest.Collect;
using StatsIngest.Compute;
using StatsIngest.Domain;
using StatsIngest.Hosting;
using StatsIngest.Indicators;
using StatsIngest.Ingest;
using StatsIngest.Messages;
using StatsIngest.Normalize;
using StatsIngest.Read;
using StatsIngest.Report;
using StatsIngest.Report.Sdmx;
using StatsIngest.Store;

namespace StatsIngest.Cli;

/// <summary>
/// The command line, a contract scripts rely on: <c>run</c> (the default), <c>ingest</c>, <c>validate</c>,
/// <c>report</c>, <c>export</c>, <c>collect</c>, <c>reprocess</c>. Exit codes: 0 success, 1 a file was quarantined / had
/// errors, 2 usage error, 70 the service's loop failed, 73 the data folder can not be written, 74 the database is damaged,
/// 75 another StatsIngest works on the data folder, 78 invalid configuration.
/// </summary>
public static class StatsIngestCli
{
    public const int Ok = 0;
    public const int FileProblems = 1;
    public const int UsageError = 2;
    public const int ConfigError = 78;

    /// <summary>The service's loop ended with an error it could not handle (EX_SOFTWARE): a service manager restarts it.</summary>
    public const int Crashed = 70;

    /// <summary>The data folder can not be created or written (EX_CANTCREAT).</summary>
    public const int DataFolderError = 73;

    /// <summary>The database is damaged or is not a StatsIngest database (EX_IOERR): restarting does not help.</summary>
    public const int StoreError = 74;

    /// <summary>Another StatsIngest works on the same data folder (EX_TEMPFAIL).</summary>
    public const int AlreadyRunning = 75;

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, string? contentRoot = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;

        var data = new Option<string?>("--data") { Description = "The data folder (default: Data:Directory of config/appsettings.json, i.e. ./data beside the program)." };
        var files = new Argument<string[]>("files") { Description = "Files or folders.", Arity = ArgumentArity.OneOrMore };
        var period = new Option<string?>("--period") { Description = "The reporting period the workbook is named after, e.g. 2023-12 (default: the latest period with data)." };
        var asOf = new Option<string?>("--as-of") { Description = "Compute with the data known at this date (yyyy-MM-dd, UTC end of day)." };
        var copyTarget = new Option<string?>("--to") { Description = "The PostgreSQL store to copy into (an Npgsql connection string to an empty database)." };
        var outFile = new Option<string?>("--out") { Description = "The CSV file to write (default: <data>/out/observations.csv)." };
        var seriesFile = new Option<string?>("--series") { Description = "Write the monthly series for seasonal adjustment (JDemetra+): FILE.csv (one column per series key, the month as an ISO date in the first) and FILE.xlsx beside it." };
        var sdmxDir = new Option<string?>("--sdmx") { Description = "Write the observations as SDMX 2.1 into DIR: structure.xml (code lists, concepts, data structure, dataflow), data.xml (structure-specific data) and data.csv (SDMX-CSV)." };
        var allVintages = new Option<bool>("--all-vintages") { Description = "Every vintage of every observation, not only the latest." };
        var indicators = new Option<bool>("--indicators") { Description = "The computed indicators (all blocks) with their inputs' vintages instead of the observations." };
        var revisions = new Option<bool>("--revisions") { Description = "Every recorded change of a computed indicator (previous value, new value, revised inputs)." };

        var sourceName = new Option<string?>("--source") { Description = "Collect only this source (default: every enabled source)." };
        var fromPeriod = new Option<string?>("--from") { Description = "The first month to collect, e.g. 2023-01 (with --to)." };
        var toPeriod = new Option<string?>("--to") { Description = "The last month to collect, e.g. 2023-12 (with --from)." };
        var onlyFile = new Option<string?>("--file") { Description = "Only the archived files of this name (* and ? allowed)." };
        var since = new Option<string?>("--since") { Description = "Only the files ingested on or after this date (yyyy-MM-dd, UTC)." };
        var reprocess = new Command("reprocess", "Read archived files again with today's reader, code lists and rules: a changed value adds a vintage with the reason 'reprocessed'; the workbooks follow.") { onlyFile, since, data };
        reprocess.TreatUnmatchedTokensAsErrors = false;
        var collect = new Command("collect", "Collect from the configured sources now (a backfill with --period or --from/--to), then ingest what arrived.") { sourceName, period, fromPeriod, toPeriod, data };
        collect.TreatUnmatchedTokensAsErrors = false;
        var run = new Command("run", "Run the service: watch the inbox, ingest, write the summary workbook (the default command).") { data };
        run.TreatUnmatchedTokensAsErrors = false;
        var ingest = new Command("ingest", "Ingest files now, update the store and write the summary workbook. Exit 1 if any file was quarantined.") { files, data };
        ingest.TreatUnmatchedTokensAsErrors = false;
        var explain = new Option<bool>("--explain") { Description = "Also print each table's cells by role and, for every title, header and row label, what it names and why." };
        var explainBook = new Option<string?>("--explain-workbook") { Description = "Also write an .xlsx that draws each table again, cells coloured by role, each with what it names or the key its value is stored under." };
        var validate = new Command("validate", "Read and normalize files, print what would be stored and every problem; write nothing (but --explain-workbook).") { files, explain, explainBook };
        var text = new Option<bool>("--text") { Description = "Print the analysis paragraph of the period (the 分析 of 概览, in Report:Language) instead of publishing the workbook." };
        var report = new Command("report", "Publish the workbook of a period from the store (a new revision only when its content changed), or of the data known at a date.") { period, asOf, text, data };
        var migrate = new Command("migrate", "Create or upgrade the store's schema (SQLite in the data folder, or PostgreSQL with --Store:Provider=postgres) and say its version; nothing else.") { data };
        migrate.TreatUnmatchedTokensAsErrors = false;
        var copyStore = new Command("copy-store", "Copy the SQLite store (every vintage, provenance, indicators, revisions, deliveries, source state) into an empty PostgreSQL store and check the counts.") { copyTarget, data };
        copyStore.TreatUnmatchedTokensAsErrors = false;
        var export = new Command("export", "Write observations (or indicators, or revisions) as CSV (UTF-8 with BOM) with provenance columns; or the monthly series (--series), or SDMX 2.1 (--sdmx).") { data, outFile, allVintages, indicators, revisions, seriesFile, sdmxDir, asOf };
        report.TreatUnmatchedTokensAsErrors = false;
        export.TreatUnmatchedTokensAsErrors = false;

        var root = new RootCommand("StatsIngest: ingests industrial value-added spreadsheets, keeps every vintage, computes the indicators, writes summary workbooks.")
        {
            run, ingest, validate, report, export, collect, reprocess, migrate, copyStore,
        };
        root.Options.Add(data);
        root.TreatUnmatchedTokensAsErrors = false;

        // Dispatch is below; the actions only mark the commands as runnable for the parser.
        foreach (var c in new Command[] { root, run, ingest, validate, report, export, collect, reprocess, migrate, copyStore })
        {
            c.SetAction(_ => Ok);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                errors.WriteLine(e.Message);
            }

            errors.WriteLine("Run 'statsingest --help' for usage.");
            return UsageError;
        }

        if (parsed.Action is System.CommandLine.Help.HelpAction || parsed.Tokens.Any(t => t.Value is "--help" or "-h" or "-?"))
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = errors });
        }

        var command = parsed.CommandResult.Command;
        var overrides = new Dictionary<string, string?>();
        if (parsed.GetValue(data) is { } dataDir)
        {
            overrides[$"{DataOptions.Section}:{nameof(DataOptions.Directory)}"] = Path.GetFullPath(dataDir);
        }

        try
        {
            if (command == root || command == run)
            {
                var hostArgs = parsed.UnmatchedTokens.ToArray();
                var stray = hostArgs.FirstOrDefault(t => !t.StartsWith("--", StringComparison.Ordinal) && !FollowsKey(hostArgs, t));
                if (stray is not null)
                {
                    errors.WriteLine($"Unknown command or argument '{stray}'. Commands: run, ingest, validate, report, export, collect, reprocess, migrate, copy-store. Settings are given as --Section:Key=value.");
                    return UsageError;
                }

                return RunService(hostArgs, overrides, contentRoot, errors);
            }

            if (command == validate)
            {
                // Settings such as a rule (--Layouts:Rules:0:…) apply, so a rule can be tried before it goes into the configuration.
                var tokens = parsed.GetValue(files)!.Concat(parsed.UnmatchedTokens).ToArray();
                return ValidateCommand.Run(tokens.Where(t => !IsSettingToken(t)).ToArray(), tokens.Where(IsSettingToken).ToArray(), (parsed.GetValue(explain), parsed.GetValue(explainBook)), output, errors, contentRoot);
            }

            if (command == collect)
            {
                var settings = parsed.UnmatchedTokens.ToArray();
                using var collectHost = StatsIngestHost.Build(settings, HostMode.OneShot, overrides, contentRoot);
                return Owning(collectHost.Services, errors, () => Collect(collectHost.Services, parsed.GetValue(sourceName), parsed.GetValue(period), parsed.GetValue(fromPeriod), parsed.GetValue(toPeriod), output, errors));
            }

            // Settings given as --Section:Key=value apply to every command, as they do to run; anything else is a mistake.
            // (ingest's file list takes every token after it, settings among them: they are settings.)
            var fileTokens = command == ingest ? parsed.GetValue(files)! : [];
            var commandSettings = parsed.UnmatchedTokens.Concat(fileTokens.Where(t => IsSettingToken(t) || FollowsKey(fileTokens, t))).ToArray();
            var strayToken = commandSettings.FirstOrDefault(t => !IsSettingToken(t) && !FollowsKey(commandSettings, t));
            if (strayToken is not null)
            {
                errors.WriteLine($"Unknown option or argument '{strayToken}'. Settings are given as --Section:Key=value. Run 'statsingest {command.Name} --help' for usage.");
                return UsageError;
            }

            using var host = StatsIngestHost.Build(commandSettings, HostMode.OneShot, overrides, contentRoot);
            var services = host.Services;
            if (command == migrate)
            {
                return Migrate(services, output, errors);
            }

            if (command == copyStore)
            {
                return CopyStore(services, parsed.GetValue(copyTarget), output, errors);
            }
            if (command == ingest)
            {
                var inputs = fileTokens.Where(t => !IsSettingToken(t) && !FollowsKey(fileTokens, t)).ToArray();
                return Owning(services, errors, () => Ingest(services, inputs, output, errors));
            }

            if (command == reprocess)
            {
                return Owning(services, errors, () => Reprocess(services, parsed.GetValue(onlyFile), parsed.GetValue(since), output, errors));
            }

            if (!TryAsOf(parsed.GetValue(asOf), errors, out var when))
            {
                return UsageError;
            }

            if (command == report)
            {
                var periodCode = parsed.GetValue(period);
                if (periodCode is not null && !ReportingPeriod.TryParseCode(periodCode, out _))
                {
                    errors.WriteLine($"--period '{periodCode}' is not a period: expected e.g. 2022, 2022-Q3 or 2023-12.");
                    return UsageError;
                }

                if (parsed.GetValue(text))
                {
                    return AnalysisText(services, periodCode, when, output);
                }

                return Owning(services, errors, () => Report(services, periodCode, when, output, errors));
            }

            var folders = services.GetRequiredService<DataFolders>();
            if (parsed.GetValue(seriesFile) is { } seriesPath)
            {
                return ExportSeries(services, Path.GetFullPath(seriesPath), when, output);
            }

            if (parsed.GetValue(sdmxDir) is { } sdmxPath)
            {
                return ExportSdmx(services, Path.GetFullPath(sdmxPath), when, output);
            }

            var all = parsed.GetValue(allVintages);
            var what = parsed.GetValue(indicators) ? "indicators" : parsed.GetValue(revisions) ? "indicator_revisions" : all ? "observations_all_vintages" : "observations";
            var target = parsed.GetValue(outFile) is { } o ? Path.GetFullPath(o) : Path.Combine(folders.Out, what + ".csv");
            var reports = services.GetRequiredService<ReportService>();
            AtomicFile.Write(target, temp =>
            {
                using var stream = File.Create(temp);
                switch (what)
                {
                    case "indicators":
                        reports.ExportIndicators(stream, when);
                        break;
                    case "indicator_revisions":
                        reports.ExportRevisions(stream);
                        break;
                    default:
                        reports.Export(stream, all, when);
                        break;
                }
            }, services.GetRequiredService<TimeProvider>());
            output.WriteLine(target);
            return Ok;
        }
        catch (DataFolderException ex)
        {
            errors.WriteLine($"Data folder error: {ex.Message}");
            return DataFolderError;
        }
        catch (StoreDamagedException ex)
        {
            errors.WriteLine($"Store error: {ex.Message}");
            return StoreError;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            errors.WriteLine($"Store error: PostgreSQL did not answer ({ex.Message.ReplaceLineEndings(" ")}). Check ConnectionStrings:StatsIngest and that the server runs; nothing was changed.");
            return StoreError;
        }
        catch (OptionsValidationException ex)
        {
            return ConfigurationErrors([ex], errors);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return ConfigurationErrors(ex.InnerExceptions.Cast<OptionsValidationException>(), errors);
        }
    }

    /// <summary>Each setting out of range on its own line (several sections' at once come as one aggregate).</summary>
    private static int ConfigurationErrors(IEnumerable<OptionsValidationException> invalid, TextWriter errors)
    {
        foreach (var failure in invalid.SelectMany(ex => ex.Failures))
        {
            errors.WriteLine($"Configuration error: {failure}");
        }

        return ConfigError;
    }

    /// <summary>The monthly series as CSV and .xlsx (same name), each written atomically; prints both paths.</summary>
    private static int ExportSeries(IServiceProvider services, string csvPath, DateTimeOffset? asOf, TextWriter output)
    {
        var table = services.GetRequiredService<ReportService>().SeriesTable(asOf);
        var clock = services.GetRequiredService<TimeProvider>();
        var xlsxPath = Path.ChangeExtension(csvPath, ".xlsx");
        AtomicFile.Write(csvPath, temp =>
        {
            using var stream = File.Create(temp);
            table.WriteCsv(stream);
        }, clock);
        AtomicFile.Write(xlsxPath, table.WriteXlsx, clock);
        output.WriteLine(csvPath);
        output.WriteLine(xlsxPath);
        output.WriteLine($"{table.Keys.Count} monthly series, {table.Months.Count} months");
        return Ok;
    }

    /// <summary>The SDMX files (structure, structure-specific data, SDMX-CSV); prints their paths and what they hold.</summary>
    private static int ExportSdmx(IServiceProvider services, string directory, DateTimeOffset? asOf, TextWriter output)
    {
        var (files, series, observations) = services.GetRequiredService<SdmxExporter>().Write(directory, asOf);
        foreach (var f in files)
        {
            output.WriteLine(f);
        }

        output.WriteLine($"{series} series, {Counted.Of(observations, "observation")}");
        return Ok;
    }

    private static int Migrate(IServiceProvider services, TextWriter output, TextWriter errors)
    {
        var options = services.GetRequiredService<IOptions<StoreOptions>>().Value;
        try
        {
            if (options.Provider == StoreOptions.Postgres)
            {
                var connection = Microsoft.Extensions.Configuration.ConfigurationExtensions.GetConnectionString(services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), StoreOptions.ConnectionStringName)!;
                var (from, to) = StatsIngest.Store.Postgres.PostgresSchema.Apply(connection);
                output.WriteLine(from == to ? $"PostgreSQL store: schema version {to}, nothing to do" : $"PostgreSQL store: schema version {from} → {to}");
                return Ok;
            }

            var store = services.GetRequiredService<ObservationStore>();
            output.WriteLine($"SQLite store {store.Database.Location}: schema version {store.SchemaVersion()}");
            return Ok;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException)
        {
            errors.WriteLine($"Store error: {ex.Message}");
            return StoreError;
        }
    }

    private static int CopyStore(IServiceProvider services, string? target, TextWriter output, TextWriter errors)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            errors.WriteLine("copy-store needs --to \"<PostgreSQL connection string>\" (an empty database, e.g. \"Host=db;Database=statsingest;Username=statsingest\").");
            return UsageError;
        }

        try
        {
            foreach (var (table, rows) in StatsIngest.Store.Postgres.StoreCopy.Run(services.GetRequiredService<ObservationStore>(), target))
            {
                output.WriteLine($"{table,-20} {rows,10} rows");
            }

            output.WriteLine("copied: every table holds as many rows as the SQLite store.");
            return Ok;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or Npgsql.NpgsqlException)
        {
            errors.WriteLine($"Store error: {ex.Message}");
            return StoreError;
        }
    }

    private static int Collect(IServiceProvider services, string? only, string? periodText, string? fromText, string? toText, TextWriter output, TextWriter errors)
    {
        var sources = services.GetRequiredService<IOptions<SourcesOptions>>().Value.Items.Where(s => s.Enabled && (only is null || s.Name.Equals(only, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (sources.Length == 0)
        {
            errors.WriteLine(only is null ? "No source is configured (section Sources of config/appsettings.json)." : $"No enabled source is named '{only}'.");
            return UsageError;
        }

        List<ReportingPeriod>? periods = null;
        if (periodText is not null || fromText is not null || toText is not null)
        {
            if (!TryMonth(periodText ?? fromText, out var first) || !TryMonth(periodText ?? toText ?? fromText, out var last) || last < first)
            {
                errors.WriteLine("Give --period yyyy-MM, or --from yyyy-MM --to yyyy-MM with --from not after --to.");
                return UsageError;
            }

            periods = [];
            for (var p = first; p <= last; p = ReportingPeriod.ForMonth(p.Number == 12 ? p.Year + 1 : p.Year, p.Number % 12 + 1))
            {
                periods.Add(p);
            }
        }

        var collector = services.GetRequiredService<SourceCollector>();
        var states = services.GetRequiredService<ISourceStates>();
        var clock = services.GetRequiredService<TimeProvider>();
        var failed = 0;
        var saved = new List<IngestRequest>();
        foreach (var source in sources)
        {
            var wanted = periods ?? SourcePlan.PeriodsToFetch(
                SourcePlan.PeriodFor(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(source.TimeZone)).DateTime, source.PeriodLagMonths),
                source.LookbackMonths, p => Deadlines.Delivered(states.Get(source.Name, p.Code)));
            foreach (var item in collector.CollectAsync(source, wanted, CancellationToken.None).GetAwaiter().GetResult())
            {
                output.WriteLine($"{item.Outcome,-11} {item.Source} {item.Item}: {item.Detail}");
                failed += item.Outcome == CollectedItem.Failed ? 1 : 0;
                if (item.SavedPath is { } path && File.Exists(path))
                {
                    saved.Add(new IngestRequest(path, ClaimMode.Move));
                }
            }
        }

        var run = services.GetRequiredService<IngestRunner>().Run(saved);
        Print(run, output, errors);
        return failed > 0 || run.HasProblems ? FileProblems : Ok;

        static bool TryMonth(string? text, out ReportingPeriod p) =>
            ReportingPeriod.TryParseCode(text, out p) && p.Kind == PeriodKind.Month;
    }

    private static bool TryAsOf(string? text, TextWriter errors, out DateTimeOffset? when)
    {
        when = null;
        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            errors.WriteLine($"--as-of '{text}' is not a date: expected yyyy-MM-dd, e.g. 2023-03-31.");
            return false;
        }

        when = new DateTimeOffset(d.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
        return true;
    }

    private static bool IsSettingToken(string token) => token.StartsWith("--", StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal);

    private static bool FollowsKey(string[] tokens, string token)
    {
        var i = Array.IndexOf(tokens, token);
        return i > 0 && tokens[i - 1].StartsWith("--", StringComparison.Ordinal) && !tokens[i - 1].Contains('=', StringComparison.Ordinal);
    }

    private static int RunService(string[] hostArgs, Dictionary<string, string?> overrides, string? contentRoot, TextWriter errors)
    {
        using var host = StatsIngestHost.Build(hostArgs, HostMode.Service, overrides, contentRoot);

        // The settings are validated as the host is built; the code lists and word lists are loaded before it starts, so
        // a mistake in them is said in one line too, not as a logged stack trace.
        _ = host.Services.GetRequiredService<Normalizer>();

        var folders = host.Services.GetRequiredService<DataFolders>();
        if (folders.Unwritable() is { } why)
        {
            errors.WriteLine($"Data folder error: {why}");
            return DataFolderError;
        }

        using var owner = InstanceLock.TryTake(folders, host.Services.GetRequiredService<TimeProvider>(), out var heldBy);
        if (owner is null)
        {
            errors.WriteLine(AlreadyRunningMessage(folders, heldBy));
            return AlreadyRunning;
        }

        var loop = host.Services.GetRequiredService<InboxProcessor>();
        host.Run();

        // A loop that ended with an error must not look like a clean stop: systemd and the Windows service manager
        // restart a service that exits non-zero (and do not restart one whose database is damaged).
        if (loop.ExecuteTask?.Exception?.InnerException is StoreDamagedException damaged)
        {
            errors.WriteLine($"Store error: {damaged.Message}");
            return StoreError;
        }

        return loop.ExecuteTask is { IsFaulted: true } ? Crashed : Ok;
    }

    private static string AlreadyRunningMessage(DataFolders folders, string? heldBy) =>
        $"Another StatsIngest ({heldBy}) works on the data folder {folders.Root}; stop it first or give another --data folder. To add files while the service runs, drop them into {folders.Inbox}.";

    /// <summary>A command that writes the data folder: it must be writable and no other StatsIngest may work on it.</summary>
    private static int Owning(IServiceProvider services, TextWriter errors, Func<int> action)
    {
        var folders = services.GetRequiredService<DataFolders>();
        if (folders.Unwritable() is { } why)
        {
            errors.WriteLine($"Data folder error: {why}");
            return DataFolderError;
        }

        using var owner = InstanceLock.TryTake(folders, services.GetRequiredService<TimeProvider>(), out var heldBy);
        if (owner is null)
        {
            errors.WriteLine(AlreadyRunningMessage(folders, heldBy));
            return AlreadyRunning;
        }

        return action();
    }

    private static int Ingest(IServiceProvider services, string[] inputs, TextWriter output, TextWriter errors)
    {
        var paths = new List<string>();
        var ignored = services.GetRequiredService<IgnoredNames>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                paths.AddRange(Directory.GetFiles(input).Where(f => !ignored.Contains(Path.GetFileName(f))).Order(StringComparer.Ordinal));
                if (Directory.GetDirectories(input).Select(Path.GetFileName).Where(d => !ignored.Contains(d!)).Order(StringComparer.Ordinal).ToArray() is { Length: > 0 } inner)
                {
                    errors.WriteLine($"The folder {input} holds folders ({string.Join(", ", inner.Take(5))}{(inner.Length > 5 ? " …" : string.Empty)}); their files are not taken: give them as folders of their own.");
                }
            }
            else if (File.Exists(input))
            {
                paths.Add(input);
            }
            else
            {
                errors.WriteLine($"'{input}' is neither a file nor a folder.");
                return UsageError;
            }
        }

        // The originals stay where they are: the pipeline works on copies, which it archives or quarantines.
        var run = services.GetRequiredService<IngestRunner>().Run(paths.Select(p => new IngestRequest(p, ClaimMode.Copy)));
        Print(run, output, errors);
        return run.HasProblems ? FileProblems : Ok;
    }

    /// <summary>The workbook of a period: never an abort — a failure is said in one line, exit 1.</summary>
    private static int Report(IServiceProvider services, string? periodCode, DateTimeOffset? when, TextWriter output, TextWriter errors)
    {
        if (services.GetRequiredService<ObservationStore>().Files().Count == 0)
        {
            output.WriteLine("The store holds no data yet: ingest files first (statsingest ingest <files>, or drop them into the inbox).");
            return Ok;
        }

        try
        {
            // The latest period: a whole refresh (indicators recomputed and kept, every reported period revised if it changed).
            var reports = services.GetRequiredService<ReportService>();
            output.WriteLine(periodCode is null && when is null ? reports.Refresh().Path : reports.WriteSummary(periodCode, when));
            return Ok;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            errors.WriteLine($"The workbook could not be written: {ex.GetType().Name}: {ex.Message}. The data is unchanged.");
            return FileProblems;
        }
    }

    /// <summary>The analysis paragraphs of a period (default: the latest), one per line; nothing is written.</summary>
    private static int AnalysisText(IServiceProvider services, string? periodCode, DateTimeOffset? when, TextWriter output)
    {
        if (services.GetRequiredService<ObservationStore>().Files().Count == 0)
        {
            output.WriteLine("The store holds no data yet: ingest files first (statsingest ingest <files>, or drop them into the inbox).");
            return Ok;
        }

        var data = services.GetRequiredService<ReportService>().Gather(periodCode, when);
        foreach (var paragraph in data.Analysis)
        {
            output.WriteLine(paragraph);
        }

        return Ok;
    }

    private static int Reprocess(IServiceProvider services, string? name, string? sinceText, TextWriter output, TextWriter errors)
    {
        DateTimeOffset? from = null;
        if (sinceText is not null)
        {
            if (!DateOnly.TryParseExact(sinceText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                errors.WriteLine($"--since '{sinceText}' is not a date: expected yyyy-MM-dd, e.g. 2023-03-31.");
                return UsageError;
            }

            from = new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        var stored = services.GetRequiredService<ObservationStore>().Files();
        var chosen = stored
            .Where(f => f.Reason == FileRecord.Ingested && (from is null || f.IngestedAt >= from)
                        && (name is null || System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(name, f.FileName, ignoreCase: true)))
            .ToArray();
        if (chosen.Length == 0)
        {
            errors.WriteLine(name is null && from is null ? "The store holds no ingested file yet." : "No ingested file matches " + (name is null ? string.Empty : $"--file '{name}' ") + (from is null ? string.Empty : $"--since {sinceText}") + ".");
            return name is null && from is null ? Ok : UsageError;
        }

        var run = services.GetRequiredService<IngestRunner>().Reprocess(chosen, stored);
        foreach (var o in run.Outcomes)
        {
            output.WriteLine($"{o.Result.ToString().ToLowerInvariant(),-11} {o.FileName}: {o.Detail}");
        }

        if (run.Workbook is not null)
        {
            output.WriteLine($"workbook    {run.Workbook}");
        }

        if (run.RefreshFailure is not null)
        {
            errors.WriteLine($"The data is stored, but the workbook could not be written: {run.RefreshFailure}. `statsingest report` tries again.");
        }

        foreach (var o in run.Outcomes.Where(o => o.After is not null))
        {
            output.WriteLine($"note        {o.FileName} was read again too: it restated values unchanged after {o.After}, whose reading withdrew values, and kept no row of them; its reading gives back those it still reads.");
        }

        return run.HasProblems ? FileProblems : Ok;
    }

    private static void Print(IngestRun run, TextWriter output, TextWriter errors)
    {
        foreach (var outcome in run.Outcomes)
        {
            output.WriteLine($"{outcome.Outcome.ToString().ToLowerInvariant(),-11} {outcome.FileName}: {outcome.Detail} → {outcome.StoredPath}");
        }

        foreach (var (path, reason) in run.NotClaimed)
        {
            errors.WriteLine($"not read    {path}: {reason}");
        }

        if (run.Workbook is not null)
        {
            output.WriteLine($"workbook    {run.Workbook}");
        }

        if (run.RefreshFailure is not null)
        {
            errors.WriteLine($"The data is stored, but the workbook could not be written: {run.RefreshFailure}. `statsingest report` tries again.");
        }
    }
}
