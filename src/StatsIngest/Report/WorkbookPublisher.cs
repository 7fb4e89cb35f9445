using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using StatsIngest.Collections;
using StatsIngest.Domain;

namespace StatsIngest.Report;

/// <summary>A workbook as published: where it is, its revision, and whether this call wrote it.</summary>
public sealed record PublishedWorkbook(string Path, int Revision, bool Written);

/// <summary>
/// Publishes one workbook per reporting period in <c>out/&lt;period&gt;/</c>: <c>StatsIngest_Summary_&lt;period&gt;.xlsx</c>,
/// and when the content of an already reported period changes (a revision, new data for it), a new revision
/// <c>…_r2.xlsx</c>, <c>…_r3.xlsx</c> beside the old ones, which are kept. The same content is never written twice: a
/// fingerprint of what the workbook shows is kept in <c>out/&lt;period&gt;/revisions.tsv</c> with the revision list (a
/// newest revision whose file was removed is written again under its name). The newest workbook of the latest period is copied to <c>out/latest.xlsx</c>. Every write is atomic; a locked
/// target is retried and then written under a suffixed name, and the log says where.
/// </summary>
public sealed partial class WorkbookPublisher(OutputFolder output, TimeProvider clock, ILogger<WorkbookPublisher> logger)
{
    public const string IndexFile = "revisions.tsv";
    public const string LatestFile = "latest.xlsx";

    /// <summary>The key of the inputs a period's newest revision was made from (<see cref="PeriodInputs"/> and the setup).</summary>
    public const string InputsFile = "inputs.key";

    /// <summary>The key of the inputs the period's newest revision was made from, as <see cref="RememberInputs"/> kept it; null when none was.</summary>
    public string? PublishedFrom(string periodCode)
    {
        var path = System.IO.Path.Combine(output.Path, periodCode, InputsFile);
        return File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
    }

    /// <summary>Keeps the key of the inputs the period's newest revision was made from (unless kept already), so that a later process passes over the period while they are unchanged.</summary>
    public void RememberInputs(string periodCode, string key)
    {
        if (PublishedFrom(periodCode) != key)
        {
            AtomicFile.Write(System.IO.Path.Combine(output.Path, periodCode, InputsFile), temp => File.WriteAllText(temp, key, new UTF8Encoding(false)), clock);
        }
    }

    /// <summary>The periods that have a published workbook (a folder with a revision index).</summary>
    public IReadOnlyList<string> ReportedPeriods() =>
        Directory.Exists(output.Path)
            ? Directory.GetDirectories(output.Path)
                .Where(d => File.Exists(System.IO.Path.Combine(d, IndexFile)) && ReportingPeriod.TryParseCode(System.IO.Path.GetFileName(d), out _))
                .Select(d => System.IO.Path.GetFileName(d)).Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>
    /// The period's newest revision when it is on disk and was made from the inputs and setup <paramref name="key"/>
    /// (<see cref="RememberInputs"/>): what publishing it again would find, without gathering or comparing. Copied to
    /// latest.xlsx when asked and missing there. Null when it must be published (its inputs changed, or it was removed).
    /// </summary>
    public PublishedWorkbook? Current(string periodCode, string key, bool updateLatest)
    {
        var dir = System.IO.Path.Combine(output.Path, periodCode);
        if (PublishedFrom(periodCode) != key || ReadIndex(System.IO.Path.Combine(dir, IndexFile)).LastOrDefault() is not { } last
            || !File.Exists(System.IO.Path.Combine(dir, last.File)))
        {
            return null;
        }

        return Existing(dir, last, updateLatest);
    }

    /// <summary>The newest revision as it is on disk, copied to latest.xlsx when asked and missing there.</summary>
    private PublishedWorkbook Existing(string dir, IndexEntry last, bool updateLatest)
    {
        var existing = new PublishedWorkbook(System.IO.Path.Combine(dir, last.File), last.Revision, false);
        if (updateLatest && !File.Exists(System.IO.Path.Combine(output.Path, LatestFile)))
        {
            CopyToLatest(existing.Path);
        }

        return existing;
    }

    /// <param name="data">What the workbook shows.</param>
    /// <param name="updateLatest">Whether <c>latest.xlsx</c> becomes a copy of it.</param>
    /// <param name="ready">
    /// Called once the workbook is written beside its place and before it takes it (also when an equal one is there):
    /// what must be true before it appears — the indicators it shows stored — throwing when it is not, and the workbook
    /// does not appear.
    /// </param>
    public PublishedWorkbook Publish(SummaryData data, bool updateLatest, Action? ready = null)
    {
        var dir = System.IO.Path.Combine(output.Path, data.PeriodCode);
        var indexPath = System.IO.Path.Combine(dir, IndexFile);
        var revisions = ReadIndex(indexPath);
        var last = revisions.LastOrDefault();
        if (last is not null)
        {
            var fingerprint = Fingerprint(data);
            if (!SameContent(data, fingerprint, last.Fingerprint))
            {
                return Write(data, updateLatest, ready, dir, revisions, Task.FromResult(fingerprint));
            }

            var path = System.IO.Path.Combine(dir, last.File);
            var restored = !File.Exists(path);
            if (restored)
            {
                // Its file was removed (by hand): the same content is written again under its name — the same revision.
                path = WriteWorkbook(data, ready, path);
            }
            else
            {
                ready?.Invoke();
            }

            if (last.Fingerprint != fingerprint)
            {
                Relabel(indexPath, last, fingerprint);
            }

            return restored ? Written(path, last.Revision, updateLatest) : Existing(dir, last, updateLatest);
        }

        // No workbook to compare with: its fingerprint (for the index) is made on another thread while it is written.
        return Write(data, updateLatest, ready, dir, revisions, Task.Run(() => Fingerprint(data)));
    }

    /// <summary>Writes the next revision of the period's workbook, its companion CSVs and its line of the index.</summary>
    private PublishedWorkbook Write(SummaryData data, bool updateLatest, Action? ready, string dir, IReadOnlyList<IndexEntry> revisions, Task<string> fingerprinted)
    {
        var indexPath = System.IO.Path.Combine(dir, IndexFile);
        var revision = (revisions.LastOrDefault()?.Revision ?? 0) + 1;
        var path = WriteWorkbook(data, ready, System.IO.Path.Combine(dir, SummaryWorkbookWriter.FileNameFor(data.PeriodCode, revision)));
        var fingerprint = fingerprinted.GetAwaiter().GetResult();
        File.AppendAllText(indexPath,
            (revisions.Count == 0 ? "revision\tfile\tcontent_sha256\twritten_at_utc\n" : string.Empty) +
            string.Create(CultureInfo.InvariantCulture, $"{revision}\t{System.IO.Path.GetFileName(path)}\t{fingerprint}\t{clock.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ}\n"),
            new UTF8Encoding(false));
        return Written(path, revision, updateLatest);
    }

    /// <summary>A workbook just written at its place, copied to latest.xlsx when asked.</summary>
    private PublishedWorkbook Written(string path, int revision, bool updateLatest)
    {
        if (updateLatest)
        {
            CopyToLatest(path);
        }

        return new PublishedWorkbook(path, revision, true);
    }

    /// <summary>The workbook and its companion CSVs written at <paramref name="target"/> (or beside it, when it is locked); where it went.</summary>
    private string WriteWorkbook(SummaryData data, Action? ready, string target)
    {
        IReadOnlyList<TableSheet> tables = [];
        var outcome = AtomicFile.WriteWithOutcome(target, temp =>
        {
            tables = SummaryWorkbookWriter.BuildTables(temp, data);
            ready?.Invoke();
        }, clock);
        if (outcome.Suffixed)
        {
            LogSuffixed(target, outcome.Path);
        }

        CompanionCsv.Write(System.IO.Path.ChangeExtension(outcome.Path, null) + "_csv", tables, clock);
        return outcome.Path;
    }

    /// <summary>A workbook of the data known at a date: written as <c>…_asof_yyyy-MM-dd.xlsx</c>, replaced when run again.</summary>
    public string PublishAsOf(SummaryData data, DateTimeOffset asOf)
    {
        var path = System.IO.Path.Combine(output.Path, data.PeriodCode,
            string.Create(CultureInfo.InvariantCulture, $"StatsIngest_Summary_{data.PeriodCode}_asof_{asOf:yyyy-MM-dd}.xlsx"));
        var outcome = AtomicFile.WriteWithOutcome(path, temp => SummaryWorkbookWriter.Build(temp, data), clock);
        if (outcome.Suffixed)
        {
            LogSuffixed(path, outcome.Path);
        }

        return outcome.Path;
    }

    /// <summary>
    /// Whether the newest revision of a period was fingerprinted before the fingerprint named only the drivers the
    /// workbook shows: comparing with it needs every driver computed (<see cref="IndicatorSet.EveryDriver"/>).
    /// </summary>
    public bool FingerprintedBefore(string periodCode) => NewestVersion(periodCode) == FingerprintVersion.EveryDriver;

    /// <summary>Whether the newest revision of a period was fingerprinted over every observation up to it (versions 1 and 2): comparing with it needs them all read.</summary>
    public bool FingerprintedOverEveryObservation(string periodCode) => NewestVersion(periodCode) is FingerprintVersion.EveryDriver or FingerprintVersion.EveryObservation;

    private FingerprintVersion? NewestVersion(string periodCode) =>
        ReadIndex(System.IO.Path.Combine(output.Path, periodCode, IndexFile)).LastOrDefault() is { } last ? VersionOf(last.Fingerprint) : null;

    /// <summary>
    /// Whether a workbook whose fingerprint (the current version) is <paramref name="fingerprint"/> shows what the one
    /// fingerprinted <paramref name="kept"/> does: the same fingerprint, or one of an earlier version equal to the data
    /// fingerprinted that version's way (version 1 needs every driver computed).
    /// </summary>
    private static bool SameContent(SummaryData data, string fingerprint, string kept) => VersionOf(kept) switch
    {
        FingerprintVersion.Shown => kept == fingerprint,
        FingerprintVersion.EveryObservation => Fingerprint(data, FingerprintVersion.EveryObservation) == kept,
        FingerprintVersion.EveryDriver => data.Indicators.EveryDriver && Fingerprint(data, FingerprintVersion.EveryDriver) == kept,
        _ => false, // a version this build does not know: its content is written again
    };

    /// <summary>A fingerprint's prefix: its version and a dash (the first version had none).</summary>
    private static string Prefix(FingerprintVersion version) =>
        version == FingerprintVersion.EveryDriver ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{(int)version}-");

    private static FingerprintVersion VersionOf(string fingerprint) =>
        fingerprint is [>= '2' and <= '9', '-', ..] ? (FingerprintVersion)(fingerprint[0] - '0') : FingerprintVersion.EveryDriver;

    /// <summary>An index whose newest revision was fingerprinted the old way, found equal: its fingerprint written the new way (the file is not touched).</summary>
    private void Relabel(string indexPath, IndexEntry last, string fingerprint)
    {
        var lines = File.ReadAllLines(indexPath, Encoding.UTF8);
        var at = Array.FindLastIndex(lines, l => l.Split('\t') is { Length: >= 3 } p && p[1] == last.File && p[2] == last.Fingerprint);
        var fields = lines[at].Split('\t');
        fields[2] = fingerprint;
        lines[at] = string.Join('\t', fields);
        AtomicFile.Write(indexPath, temp => File.WriteAllText(temp, string.Join('\n', lines) + "\n", new UTF8Encoding(false)), clock);
    }

    /// <summary>
    /// What the workbook shows, hashed: the observations it uses (its 数据 sheet, <see cref="SummaryData.UsedObservations"/>)
    /// with their vintages, the computed values it shows (every one but the drivers and months it does not show), late
    /// files. An earlier <paramref name="version"/> hashed every observation up to the period (2), and every driver (1).
    /// </summary>
    public static string Fingerprint(SummaryData data, FingerprintVersion version = FingerprintVersion.Shown)
    {
        // The text is hashed as it is written, a few thousand lines at a time, never held whole (a region's history is
        // tens of thousands of lines); the same bytes as one UTF-8 string, so a kept fingerprint stays comparable.
        using var text = new HashedText();
        var sb = text.Builder;
        sb.Append(data.Language).Append('\n');
        // The parts many lines repeat (a series' key, a period, a status, flags) are formatted once each: the same text.
        var keys = new Dictionary<SeriesKey, string>(ReferenceEqualityComparer.Instance);
        var periods = new Dictionary<ReportingPeriod, string>();
        var statuses = new Dictionary<ObservationStatus, string>();
        var flags = new Dictionary<ObservationFlags, string>();
        foreach (var o in version == FingerprintVersion.Shown ? data.UsedObservations() : data.Observations)
        {
            sb.Append(keys.GetOrAdd(o.Key, k => k.ToString())).Append('|').Append(periods.GetOrAdd(o.Period, p => p.Code)).Append('|');
            if (o.Value is { } value)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{value:R}"); // a missing value is no text (as it was formatted before)
            }

            sb.Append(CultureInfo.InvariantCulture,
                $"|{o.Unit}|{statuses.GetOrAdd(o.Status, s => s.ToString())}|{o.VintageId}|{flags.GetOrAdd(o.Flags, f => f.ToString())}|{o.Label}\n");
            text.LineWritten();
        }

        foreach (var r in version == FingerprintVersion.EveryDriver ? data.Indicators.Records : data.ShownRecords())
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Identity}|{r.Value:R}|{r.Note}\n");
            text.LineWritten();
        }

        // Files that brought nothing to this period (a later month, a duplicate) do not make a new revision; a late
        // file does, when it belongs to this period or an earlier one.
        var reported = ReportingPeriod.TryParseCode(data.PeriodCode, out var p) ? p : (ReportingPeriod?)null;
        foreach (var o in data.Overdue.Where(o => reported is null || o.Period <= reported.Value))
        {
            sb.Append(CultureInfo.InvariantCulture, $"late {o.Source} {o.Period.Code}\n");
        }

        return Prefix(version) + text.Finish();
    }

    /// <summary>Text hashed with SHA-256 as UTF-8 while it is written (an encoder carries a surrogate pair split between two chunks).</summary>
    private sealed class HashedText : IDisposable
    {
        private const int FlushAt = 1 << 16;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
        private byte[] _bytes = new byte[16];

        public StringBuilder Builder { get; } = new(FlushAt + 1024);

        public void LineWritten()
        {
            if (Builder.Length >= FlushAt)
            {
                Flush(final: false);
            }
        }

        public string Finish()
        {
            Flush(final: true);
            return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        private void Flush(bool final)
        {
            foreach (var chunk in Builder.GetChunks())
            {
                var max = Encoding.UTF8.GetMaxByteCount(chunk.Length);
                if (_bytes.Length < max)
                {
                    _bytes = new byte[max];
                }

                _hash.AppendData(_bytes, 0, _encoder.GetBytes(chunk.Span, _bytes, flush: false));
            }

            if (final)
            {
                _hash.AppendData(_bytes, 0, _encoder.GetBytes([], _bytes, flush: true));
            }

            Builder.Clear();
        }

        public void Dispose() => _hash.Dispose();
    }

    private void CopyToLatest(string source)
    {
        var target = System.IO.Path.Combine(output.Path, LatestFile);
        var outcome = AtomicFile.WriteWithOutcome(target, temp => File.Copy(source, temp, overwrite: true), clock);
        if (outcome.Suffixed)
        {
            LogSuffixed(target, outcome.Path);
        }
    }

    private sealed record IndexEntry(int Revision, string File, string Fingerprint);

    private static List<IndexEntry> ReadIndex(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadLines(path).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(p => p.Length >= 3 && int.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(p => new IndexEntry(int.Parse(p[0], CultureInfo.InvariantCulture), p[1], p[2]))
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Target} is open in another program (Excel, WPS, LibreOffice) and could not be replaced; the workbook was written to {Written} instead")]
    private partial void LogSuffixed(string target, string written);
}

/// <summary>How a workbook's content was fingerprinted (<see cref="WorkbookPublisher.Fingerprint"/>): each version kept in revisions.tsv stays comparable.</summary>
public enum FingerprintVersion
{
    /// <summary>Every observation up to the period and every computed value (no prefix).</summary>
    EveryDriver = 1,

    /// <summary>Every observation up to the period and the computed values the workbook shows ("2-").</summary>
    EveryObservation = 2,

    /// <summary>The observations and the computed values the workbook shows ("3-").</summary>
    Shown = 3,
}
