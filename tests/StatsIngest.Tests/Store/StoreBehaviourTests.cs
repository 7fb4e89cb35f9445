using System.Globalization;
using StatsIngest.Domain;
using StatsIngest.Indicators;
using StatsIngest.Store;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Store;

/// <summary>
/// The store's behaviour, the same on both providers (SQLite, the embedded default, and PostgreSQL): vintages,
/// provenance, revisions, a file's own readings, conflicts within a file, deliveries, source state, computed values
/// and their revisions, files committed at the same time.
/// </summary>
public class StoreBehaviourTests
{
    private static readonly SeriesKey GdpLevel = new("GDP", "全国", "_T", Basis.Year, Measure.Level);
    private static readonly DateTimeOffset T0 = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Observation Gdp(int year, double? value, string file, string cell = "G4", string region = "全国") =>
        new(GdpLevel with { Region = region }, ReportingPeriod.ForYear(year), value, "亿元", value is null ? ObservationStatus.Missing : ObservationStatus.Normal,
            new Provenance(file, file + "-sha", "Sheet1", cell, value?.ToString(CultureInfo.InvariantCulture) ?? "…"))
        { Label = "地区生产总值", Flags = ObservationFlags.Subset, UnitFactor = 0.0001 };

    private static FileRecord File(string name, DateTimeOffset at) =>
        new(0, name + "-sha", name, 100, at, "csv", null, "canonical", 1, 0, 0, ["a warning"], ["注：初步核算数"], "archive/" + name);

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void A_revision_adds_a_vintage_the_same_value_adds_nothing_and_as_of_sees_the_earlier_one(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();

        var first = store.CommitFile(File("prelim.csv", T0), [Gdp(2021, 1143670, "prelim.csv")], T0);
        var again = store.CommitFile(File("copy.csv", T0.AddDays(1)), [Gdp(2021, 1143670, "copy.csv")], T0.AddDays(1));
        var final = store.CommitFile(File("final.csv", T0.AddDays(30)), [Gdp(2021, 1149237, "final.csv")], T0.AddDays(30));

        Assert.Equal([(1, 0), (0, 1), (1, 0)], new[] { first, again, final }.Select(c => (c.Added, c.Unchanged)));
        Assert.True(first.FileId < again.FileId && again.FileId < final.FileId);
        var latest = Assert.Single(store.LatestObservations());
        Assert.Equal((1149237.0, final.FileId, "final.csv", "G4"), (latest.Value!.Value, latest.VintageId, latest.Source.FileName, latest.Source.Cell));
        Assert.Equal([1143670.0, 1149237.0], store.AllObservations().Select(o => o.Value!.Value));
        Assert.Equal(1143670, Assert.Single(store.LatestObservations(T0.AddDays(2))).Value);
        Assert.Equal(T0.AddDays(30), latest.VintageTime);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void A_series_periods_committed_out_of_order_and_revised_come_back_latest_and_by_period(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();

        // Recorded 2022, then 2020, then 2022 revised and 2021: a database that gives rows as recorded gives a later
        // period, an earlier one, the later one again — each period's latest vintage wins whatever the order.
        store.CommitFile(File("a.csv", T0), [Gdp(2022, 120, "a.csv")], T0);
        store.CommitFile(File("b.csv", T0.AddDays(1)), [Gdp(2020, 100, "b.csv")], T0.AddDays(1));
        var revised = store.CommitFile(File("c.csv", T0.AddDays(2)), [Gdp(2022, 125, "c.csv"), Gdp(2021, 110, "c.csv", "G5")], T0.AddDays(2));

        Assert.Equal([("2020", 100.0), ("2021", 110.0), ("2022", 125.0)], store.LatestObservations().Select(o => (o.Period.Code, o.Value!.Value)));
        Assert.Equal(revised.FileId, store.LatestObservations().Last().VintageId);
        Assert.Equal([("2020", 100.0), ("2022", 120.0)], store.LatestObservations(T0.AddDays(1.5)).Select(o => (o.Period.Code, o.Value!.Value)));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void The_latest_read_in_two_ranges_of_ids_at_once_holds_every_period_once_of_the_regions_asked_as_of_any_date(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        // Three regions interleaved row by row over eleven files of two new years each; the last file revises the first
        // file's years too: any row of the middle ids is a latest one, and revisions fall on the other side of the middle.
        for (var f = 0; f < 11; f++)
        {
            var name = $"f{f}.csv";
            var years = Enumerable.Range(2000 + (2 * f), 2).Concat(f == 10 ? [2000, 2001] : []);
            var rows = years.SelectMany(year => new[] { "全国", "广东省", "江苏省" }.Select(region =>
                Gdp(year, (f * 1000) + year + region.Length, name, region: region))).ToArray();
            store.CommitFile(File(name, T0.AddDays(f)), rows, T0.AddDays(f));
        }

        // What the latest is, from every vintage as recorded: each series and period's last.
        IEnumerable<(string, string, double)> Expected(int files, params string[] regions) => store.AllObservations()
            .Where(o => o.VintageTime <= T0.AddDays(files - 1) && regions.Contains(o.Key.Region))
            .GroupBy(o => (o.Key.Region, o.Period.Code)).Select(g => (g.Key.Region, g.Key.Code, g.Last().Value!.Value))
            .OrderBy(x => x.Region, StringComparer.Ordinal).ThenBy(x => x.Code, StringComparer.Ordinal);
        IEnumerable<(string, string, double)> Read(IReadOnlyList<Observation> latest) =>
            latest.Select(o => (o.Key.Region, o.Period.Code, o.Value!.Value)).OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal);

        Assert.Equal(22 * 3, store.LatestObservations().Count);
        Assert.Equal(Expected(11, "全国", "广东省", "江苏省"), Read(store.LatestObservations()));
        Assert.Equal(Expected(11, "广东省"), Read(store.LatestObservations(null, ["广东省"])));
        Assert.Equal(Expected(4, "全国", "江苏省"), Read(store.LatestObservations(T0.AddDays(3.5), ["全国", "江苏省"])));
        Assert.Empty(store.LatestObservations(null, ["上海市"]));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void The_index_of_the_latest_vintages_names_the_rows_the_latest_read_gives_and_reads_those_asked_in_its_order(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        // Three regions over six files, each revising two of the three years of the one before; every other row flagged.
        for (var f = 0; f < 6; f++)
        {
            var name = $"f{f}.csv";
            var rows = Enumerable.Range(2000 + f, 3).SelectMany(year => new[] { "全国", "广东省", "江苏省" }.Select((region, i) =>
                Gdp(year, (f * 1000) + year + i, name, region: region) with { Flags = (year + i) % 2 == 0 ? ObservationFlags.Subset : ObservationFlags.None })).ToArray();
            store.CommitFile(File(name, T0.AddDays(f)), rows, T0.AddDays(f));
        }

        foreach (var regions in new[] { null, new[] { "广东省" }, ["全国", "江苏省"], ["上海市"] })
        {
            var latest = store.LatestObservations(null, regions);
            var index = store.LatestIndex(regions);
            Assert.Equal(latest.Select(o => new LatestEntry(o.Key, o.Period, o.VintageId, o.Id)), index.Entries);
            Assert.Equal(latest.Where(o => o.Flags != ObservationFlags.None).Select(o => o.Id).Order(),
                index.Flagged.Where(id => index.Entries.Any(e => e.Id == id)).Order());

            // All rows (by id, and whole), some (in the index's order), and some more taking the ones read before as they are.
            Assert.Equal(latest.Select(Text), store.LatestRows(index, _ => true).Select(Text));
            Assert.Equal(latest.Select(Text), store.LatestObservations(index).Select(Text));
            var even = store.LatestRows(index, e => e.Period.Year % 2 == 0);
            Assert.Equal(latest.Where(o => o.Period.Year % 2 == 0).Select(Text), even.Select(Text));
            var more = store.LatestRows(index, e => e.Key.Region == "江苏省", even);
            Assert.Equal(latest.Where(o => o.Period.Year % 2 == 0 || o.Key.Region == "江苏省").Select(Text), more.Select(Text));
            Assert.All(even, o => Assert.Same(o, more.Single(m => m.Id == o.Id)));
        }

        // A file committed after the index was read (a revision, a new series): in neither read of its rows.
        var before = store.LatestObservations();
        var read = store.LatestIndex();
        store.CommitFile(File("f6.csv", T0.AddDays(6)), [Gdp(2004, 1, "f6.csv"), Gdp(2004, 2, "f6.csv", region: "上海市")], T0.AddDays(6));
        Assert.Equal(before.Select(Text), store.LatestRows(read, _ => true).Select(Text));
        Assert.Equal(before.Select(Text), store.LatestObservations(read).Select(Text));
        Assert.NotEqual(before.Select(Text), store.LatestObservations().Select(Text));

        static string Text(Observation o) => $"{o.Key}|{o.Period.Code}|{o.Value}|{o.VintageId}|{o.Id}|{o.Flags}|{o.Source.Cell}";
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void The_index_of_many_series_read_in_two_halves_names_what_the_latest_read_gives(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        // 100 regions' series (the index is read in two halves from 64 series on) over three files revising each other.
        var regions = Enumerable.Range(0, 100).Select(i => $"R{i:000}").ToArray();
        for (var f = 0; f < 3; f++)
        {
            var name = $"f{f}.csv";
            store.CommitFile(File(name, T0.AddDays(f)), regions.SelectMany((region, i) => Enumerable.Range(2000 + f, 2)
                .Select(year => Gdp(year, (f * 1000) + year + i, name, region: region))).ToArray(), T0.AddDays(f));
        }

        foreach (var some in new[] { null, regions[..70], regions[..10] })
        {
            var latest = store.LatestObservations(null, some);
            var index = store.LatestIndex(some);
            Assert.Equal(latest.Select(o => new LatestEntry(o.Key, o.Period, o.VintageId, o.Id)), index.Entries);
            Assert.Equal(latest.Select(Text), store.LatestRows(index, _ => true).Select(Text));
        }

        // A file committed after the index was read: in neither half.
        var before = store.LatestObservations();
        var read = store.LatestIndex();
        store.CommitFile(File("f3.csv", T0.AddDays(3)), [Gdp(2001, 1, "f3.csv", region: "R001"), Gdp(2001, 2, "f3.csv", region: "R099")], T0.AddDays(3));
        Assert.Equal(before.Select(Text), store.LatestRows(read, _ => true).Select(Text));
        Assert.Equal(before.Count, read.Entries.Count);

        static string Text(Observation o) => $"{o.Key}|{o.Period.Code}|{o.Value}|{o.VintageId}|{o.Id}";
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Many_rows_of_an_index_are_read_in_two_halves_and_come_back_as_the_latest_read_gives_them(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        var regions = Enumerable.Range(0, 100).Select(i => $"R{i:000}").ToArray();
        store.CommitFile(File("f0.csv", T0), [.. regions.SelectMany((region, i) => Enumerable.Range(1980, 45).Select(year => Gdp(year, year + i, "f0.csv", region: region)))], T0);
        store.CommitFile(File("f1.csv", T0.AddDays(1)), [.. regions.Where((_, i) => i % 7 == 0).Select(region => Gdp(2000, 1, "f1.csv", region: region))], T0.AddDays(1));

        var latest = store.LatestObservations();
        var index = store.LatestIndex();
        Assert.InRange(index.Entries.Count, ObservationStore.SplitFromRows, int.MaxValue);
        Assert.Equal(latest.Select(Text), store.LatestRows(index, _ => true).Select(Text));
        Assert.Equal(latest.Where(o => o.Period.Year % 3 != 0).Select(Text), store.LatestRows(index, e => e.Period.Year % 3 != 0).Select(Text));

        static string Text(Observation o) => $"{o.Key}|{o.Period.Code}|{o.Value}|{o.VintageId}|{o.Id}|{o.Source.Cell}";
    }

    /// <summary>
    /// The SQLite store keeps the last index of a set of regions beside its file; the next read takes it with the rows of
    /// the files committed since — revisions, new periods, new series before, between and after the kept ones, a new
    /// reading of an early file (whose rows take that file's place) — and gives what a read of every row gives.
    /// </summary>
    [Fact]
    public void The_index_kept_beside_the_store_with_the_files_committed_since_is_the_index_of_every_row()
    {
        using var t = TestStore.Create(StoreOptions.Sqlite);
        var store = t.Open();
        string[] industries = ["B", "D", "F"];
        var first = store.CommitFile(File("f0.csv", T0), [.. Panel("f0.csv", 1980, 40, industries, ["广东省", "江苏省"], 1)], T0);

        var guangdong = Index(t, ["广东省"], kept: 0); // none kept yet: read whole, then kept
        Assert.True(System.IO.File.Exists(t.Folder.File("store.db-latest-广东省.cache")));
        Assert.Equal(guangdong.Entries, Index(t, ["广东省"], kept: 120).Entries);

        // Revised years, a new year, series new before (A), between (C) and after (G) those kept, another region's rows.
        store.CommitFile(File("f1.csv", T0.AddDays(1)), [.. Panel("f1.csv", 2018, 3, ["A", "C", "D", "G"], ["广东省", "上海市"], 2)], T0.AddDays(1));
        var after = Index(t, ["广东省"], kept: 120);
        Assert.Equal(120 + 3 + 3 + 3 + 1, after.Entries.Count);

        // A new reading of the first file giving four of its values otherwise: they take its place, behind the later file's
        // for the years both give (2018, 2019), ahead of the file's first reading.
        store.CommitReprocessed(File("f0.csv", T0.AddDays(2)) with { Reason = FileRecord.Reprocessed, ReprocessOf = first.FileId },
            [.. Panel("f0.csv", 1980, 40, industries, ["广东省", "江苏省"], 1).Select(o => o.Key == Key("D", "广东省") && o.Period.Year >= 2016 ? o with { Value = o.Value + 2 } : o)]);
        Index(t, ["广东省"], kept: after.Entries.Count);
        Assert.Equal([20151, 20163, 20173, 20182, 20192, 20202], store.LatestObservations(null, ["广东省"])
            .Where(o => o.Key == Key("D", "广东省") && o.Period.Year >= 2015).Select(o => o.Value!.Value));

        // Every region, and two of them: each set kept on its own.
        var all = Index(t, null, kept: 0);
        Index(t, ["上海市", "江苏省"], kept: 0);
        store.CommitFile(File("f3.csv", T0.AddDays(3)), [.. Panel("f3.csv", 2021, 1, ["B"], ["上海市", "浙江省"], 4)], T0.AddDays(3));
        Index(t, null, kept: all.Entries.Count);
        Index(t, ["上海市", "江苏省"], kept: 120 + 12);

        // More rows since than a quarter of those kept: the index is read whole (faster than so many found by file).
        store.CommitFile(File("f4.csv", T0.AddDays(4)), [.. Panel("f4.csv", 1980, 40, ["H", "J", "K"], ["广东省"], 5)], T0.AddDays(4));
        Index(t, ["广东省"], kept: 0);
    }

    /// <summary>
    /// A kept index is taken only when it was made from this store's files: not from another store's file of the same
    /// ids, not after the store was put back to an older copy and went on, not when damaged or cut short.
    /// </summary>
    [Fact]
    public void An_index_kept_of_other_files_or_damaged_is_not_taken_and_the_index_is_read_whole()
    {
        using var a = TestStore.Create(StoreOptions.Sqlite);
        using var b = TestStore.Create(StoreOptions.Sqlite);
        a.Open().CommitFile(File("f0.csv", T0), [.. Panel("f0.csv", 1980, 40, ["B"], ["广东省"], 1)], T0);
        b.Open().CommitFile(File("f0.csv", T0.AddHours(1)), [.. Panel("f0.csv", 1980, 40, ["B"], ["广东省"], 2)], T0.AddHours(1));
        var cache = "store.db-latest-广东省.cache";
        Index(a, ["广东省"], kept: 0);
        System.IO.File.Copy(a.Folder.File(cache), b.Folder.File(cache));
        Index(b, ["广东省"], kept: 0); // the same file id, another file

        // Put back to a copy of before its second file, then another second file: the kept index names the first second file.
        System.IO.File.Copy(a.Folder.File("store.db"), a.Folder.File("copy.db"));
        a.Open().CommitFile(File("f1.csv", T0.AddDays(1)), [Gdp(2021, 1, "f1.csv", region: "广东省") with { Key = Key("B", "广东省") }], T0.AddDays(1));
        Index(a, ["广东省"], kept: 40);
        System.IO.File.Copy(a.Folder.File("copy.db"), a.Folder.File("store.db"), overwrite: true);
        a.Open().CommitFile(File("g1.csv", T0.AddDays(2)), [Gdp(2021, 9, "g1.csv", region: "广东省") with { Key = Key("B", "广东省") }], T0.AddDays(2));
        Index(a, ["广东省"], kept: 0);

        var whole = System.IO.File.ReadAllBytes(a.Folder.File(cache));
        foreach (var damaged in new[] { whole[..^1], whole.Select((x, i) => i == whole.Length / 2 ? (byte)(x ^ 1) : x).ToArray(), "not an index"u8.ToArray(), [] })
        {
            System.IO.File.WriteAllBytes(a.Folder.File(cache), damaged);
            Index(a, ["广东省"], kept: 0);
            Index(a, ["广东省"], kept: 41); // kept anew
        }
    }

    /// <summary>
    /// The index of some regions read by a new store object (as a new process would) with <paramref name="kept"/> entries
    /// taken as kept; it names what a read of every row gives.
    /// </summary>
    private static LatestIndex Index(TestStore t, string[]? regions, int kept)
    {
        var index = t.Open().LatestIndex(regions);
        Assert.Equal(kept, index.Kept);
        var latest = t.Open().LatestObservations(null, regions);
        Assert.Equal(latest.Select(o => new LatestEntry(o.Key, o.Period, o.VintageId, o.Id)), index.Entries);
        return index;
    }

    private static SeriesKey Key(string industry, string region) => GdpLevel with { Indicator = IndicatorCodes.AboveScaleValueAdded, Industry = industry, Region = region };

    /// <summary>Of each region and industry, the years from <paramref name="firstYear"/>: values ending in the digit <paramref name="mark"/>.</summary>
    private static IEnumerable<Observation> Panel(string file, int firstYear, int years, string[] industries, string[] regions, int mark) =>
        from region in regions
        from industry in industries
        from year in Enumerable.Range(firstYear, years)
        select Gdp(year, (year * 10) + mark, file, region: region) with { Key = Key(industry, region) };

    /// <summary>
    /// After a commit of many rows into PostgreSQL every page of <c>observations</c> is marked all-visible (VACUUM), so
    /// the next refresh reads the latest index from the index alone: right after a 10M-row load the planner read the
    /// whole table instead until autovacuum came by.
    /// </summary>
    [SkippableFact]
    public void A_big_commit_into_postgres_leaves_its_pages_all_visible()
    {
        using var t = TestStore.Create(StoreOptions.Postgres);
        string[] industries = [.. Enumerable.Range(1, 130).Select(i => $"I{i}")];
        t.Open().CommitFile(File("big.csv", T0), [.. Panel("big.csv", 1950, 40, industries, ["广东省", "江苏省"], 1)], T0);

        var pages = t.Postgres!.Scalar("SELECT relpages || '/' || relallvisible FROM pg_class WHERE relname = 'observations'")!.ToString()!.Split('/');
        Assert.True(int.Parse(pages[0], CultureInfo.InvariantCulture) > 10, $"{pages[0]} pages");
        Assert.Equal(pages[0], pages[1]);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Provenance_label_flags_factor_a_missing_value_and_the_file_ledger_come_back_as_written(string provider)
    {
        using var t = TestStore.Create(provider);
        t.Open().CommitFile(File("a.csv", T0), [Gdp(2021, 1.5, "a.csv", "C7"), Gdp(2022, null, "a.csv", "D7")], T0);

        var store = t.Open();

        var missing = store.LatestObservations().Single(o => o.Period.Year == 2022);
        Assert.Null(missing.Value);
        Assert.Equal(ObservationStatus.Missing, missing.Status);
        var present = store.LatestObservations().Single(o => o.Period.Year == 2021);
        Assert.Equal(("地区生产总值", ObservationFlags.Subset, 0.0001, "Sheet1", "C7", "1.5", "亿元"),
            (present.Label, present.Flags, present.UnitFactor, present.Source.Sheet, present.Source.Cell, present.Source.RawText, present.Unit));
        var file = store.FindFile("a.csv-sha")!;
        Assert.Equal(("a.csv", 2, 0, null, "注：初步核算数", "a warning", T0), (file.FileName, file.ObservationsAdded, file.ObservationsUnchanged, file.Encoding, file.Notes.Single(), file.Warnings.Single(), file.IngestedAt));
        var delivery = Assert.Single(store.Deliveries());
        Assert.Equal((DeliveryOutcome.Ingested, file.Id, "archive/a.csv"), (delivery.Outcome, delivery.FileId, delivery.StoredPath));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Texts_many_rows_share_and_texts_longer_than_the_short_text_buffer_come_back_as_written(string provider)
    {
        // A label of 120 Chinese characters is 360 bytes of UTF-8: past the buffer a shared text is looked up in.
        var longLabel = string.Concat(Enumerable.Repeat("规模以上工业增加值（按行业分）", 8));
        var longSheet = "表" + new string('一', 90);
        using var t = TestStore.Create(provider);
        var rows = Enumerable.Range(2001, 20).Select(y => Gdp(y, y, "a.csv", "C" + y.ToString(CultureInfo.InvariantCulture)) with
        {
            // Runs of rows share a text, then it changes: the staging binds a shared text again only when it changed.
            Label = y % 2 == 0 ? longLabel : "地区生产总值",
            Source = new Provenance("a.csv", "a.csv-sha", y % 3 == 0 ? longSheet : "Sheet1", "C" + y.ToString(CultureInfo.InvariantCulture), "“" + longLabel + "”"),
            Unit = y / 4 % 2 == 0 ? "亿元" : "万元",
            Status = y / 5 % 2 == 0 ? ObservationStatus.Provisional : ObservationStatus.Normal,
            Flags = y / 3 % 2 == 0 ? ObservationFlags.None : ObservationFlags.Subset,
        }).ToArray();
        t.Open().CommitFile(File("a.csv", T0), rows, T0);

        var read = t.Open().LatestObservations().OrderBy(o => o.Period).ToArray();

        Assert.Equal(rows.Select(o => (o.Period, o.Label, o.Source.Sheet, o.Source.Cell, o.Source.RawText, o.Unit, o.Flags, o.Status)),
            read.Select(o => (o.Period, o.Label, o.Source.Sheet, o.Source.Cell, o.Source.RawText, o.Unit, o.Flags, o.Status)));
        Assert.Equal(2, read.Select(o => o.Label).Distinct().Count());
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void A_series_and_period_given_twice_with_two_values_is_named_by_both_cells_and_a_disposed_session_writes_nothing(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();

        using (var session = store.BeginFile())
        {
            session.Add(Gdp(2021, 1, "twice.csv", "B2"));
            session.Add(Gdp(2021, 1, "twice.csv", "B3"));
            session.Add(Gdp(2021, 2, "twice.csv", "B9"));
            var conflict = Assert.Single(session.Conflicts(10));
            Assert.Contains("Sheet1!B2", conflict.Message, StringComparison.Ordinal);
            Assert.Equal((9, 2), (conflict.Row, conflict.Column));
        }

        Assert.Empty(store.AllObservations());
        Assert.Empty(store.Files());
        Assert.Empty(store.Deliveries());
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void A_big_file_staged_while_it_is_read_keeps_its_order_finds_its_conflicts_and_leaves_nothing_when_refused(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        var rows = Enumerable.Range(1, 5000).Select(i => Gdp(2021, i, "big.csv", $"B{i}", $"R{i}")).ToArray();

        using (var refused = store.BeginFile())
        {
            foreach (var o in rows.Take(4500))
            {
                refused.Add(o);
            }

            refused.Add(Gdp(2021, -1, "big.csv", "C4501", "R10"));
            var conflict = Assert.Single(refused.Conflicts(10));
            Assert.Contains("Sheet1!B10", conflict.Message, StringComparison.Ordinal);
            Assert.Equal((4501, 3), (conflict.Row, conflict.Column));
            Assert.Equal(4501, refused.Count);
        }

        Assert.Empty(store.AllObservations());
        using (var abandoned = store.BeginFile())
        {
            foreach (var o in rows)
            {
                abandoned.Add(o);
            }
        }

        Assert.Empty(store.AllObservations());
        using (var session = store.BeginFile())
        {
            foreach (var o in rows)
            {
                session.Add(o);
            }

            Assert.Equal(5000, session.Complete(File("big.csv", T0), T0).Added);
        }

        Assert.Equal(rows.Select(o => o.Source.Cell), store.AllObservations().OrderBy(o => o.Id).Select(o => o.Source.Cell));
    }

    [Fact]
    public void A_first_load_is_inserted_without_the_indexes_and_leaves_them_as_they_were_committed_or_refused()
    {
        using var t = TestStore.Create(StoreOptions.Sqlite);
        var store = t.Open();
        var indexes = Indexes(store);
        // 200 regions × 250 years: every series new to the store, as many rows as make a bulk load.
        var rows = Enumerable.Range(0, SqliteStaging.BulkRows)
            .Select(i => Gdp(1950 + (i / 200), i, "first.csv", $"B{i + 2}", $"R{i % 200}")).ToArray();

        using (var refused = store.BeginFile())
        {
            foreach (var o in rows)
            {
                refused.Add(o);
            }

            // The row after the first flush conflicts with the first row: both named with their cells and texts.
            refused.Add(Gdp(1950, -1, "first.csv", "C9", "R0"));
            var conflict = Assert.Single(refused.Conflicts(10));
            Assert.Equal(("Sheet1", 9, 3, "-1"), (conflict.Sheet, conflict.Row, conflict.Column, conflict.Found)); // C9
            Assert.Contains("but Sheet1!B2 gives '0' for the same series and period", conflict.Message, StringComparison.Ordinal);
        }

        Assert.Empty(store.AllObservations());
        Assert.Equal(indexes, Indexes(store));
        Assert.Equal(rows.Length, store.CommitFile(File("first.csv", T0), rows, T0).Added);
        Assert.Equal(indexes, Indexes(store));
        Assert.Contains("ix_observations_series_period", indexes.Select(i => i.Name));
        Assert.Equal(rows.Length, FlaggedThroughIndex(store).Count); // every row is a 其中 row: that index too made again

        // A revision of one value is found through the indexes made again: one vintage added, the rest unchanged.
        var revised = rows.Take(100).Select(o => o with { Source = o.Source with { FileName = "revised.csv" } }).ToArray();
        revised[7] = revised[7] with { Value = 0.5 };
        var commit = store.CommitFile(File("revised.csv", T0.AddDays(1)), revised, T0.AddDays(1));

        Assert.Equal((1, 99), (commit.Added, commit.Unchanged));
        Assert.Equal(rows.Select(o => o.Source.Cell), store.AllObservations().Take(rows.Length).Select(o => o.Source.Cell));
        Assert.Equal(0.5, store.LatestObservations().Single(o => o.Key.Region == "R7" && o.Period.Code == "1950").Value);
    }

    [Fact]
    public void A_first_load_written_while_it_is_read_keeps_the_files_order_drops_repeats_and_compares_a_series_the_store_had()
    {
        using var t = TestStore.Create(StoreOptions.Sqlite);
        var store = t.Open();
        store.CommitFile(File("before.csv", T0), [Gdp(1950, 1, "before.csv", "B2", "XX")], T0);
        var indexes = Indexes(store);
        // Rows of 300 new regions, more than one flush's worth; a row given again with its value in the flushed part
        // and in the rest; then two rows of the series the store had: a revised value and a new period.
        var rows = Enumerable.Range(0, SqliteStaging.BulkRows + 10_000)
            .Select(i => Gdp(1950 + (i / 300), i, "first.csv", $"B{i + 2}", $"R{i % 300}")).ToList();
        rows.Insert(30_000, rows[100] with { Source = rows[100].Source with { Cell = "C9" } });
        rows.Insert(58_000, rows[55_000] with { Source = rows[55_000].Source with { Cell = "C10" } });
        rows.Add(Gdp(1950, 2, "first.csv", "D1", "XX"));
        rows.Add(Gdp(1951, 3, "first.csv", "D2", "XX"));

        var commit = store.CommitFile(File("first.csv", T0.AddDays(1)), rows, T0.AddDays(1));

        Assert.Equal((SqliteStaging.BulkRows + 10_000 + 2, 0), (commit.Added, commit.Unchanged));
        Assert.Equal(indexes, Indexes(store));
        Assert.Equal(rows.Select(o => o.Source.Cell).Where(c => c is not "C9" and not "C10").Prepend("B2"),
            store.AllObservations().Select(o => o.Source.Cell));
        Assert.Equal([2.0, 3.0], store.LatestObservations(regions: ["XX"]).Select(o => o.Value!.Value));
        var again = store.CommitFile(File("again.csv", T0.AddDays(2)), [Gdp(1950, 2, "again.csv", "D1", "XX"), Gdp(1950, 100, "again.csv", "B102", "R100")], T0.AddDays(2));
        Assert.Equal((0, 2), (again.Added, again.Unchanged));
    }

    [Fact]
    public void A_first_load_of_only_new_series_finds_repeats_and_conflicts_among_the_rows_it_wrote_while_reading()
    {
        using var t = TestStore.Create(StoreOptions.Sqlite);
        var store = t.Open();
        var indexes = Indexes(store);
        // Rows of 400 new regions, well past the first flush, all of series new to the store (nothing left staged):
        // a row given again with its value late in the file (its first in the part copied at the flush, another whose
        // first came after it), then the same rows with another value instead.
        List<Observation> Rows()
        {
            var rows = Enumerable.Range(0, SqliteStaging.BulkRows + 20_000)
                .Select(i => Gdp(1950 + (i / 400), i, "first.csv", $"B{i + 2}", $"R{i % 400}")).ToList();
            rows.Insert(65_000, rows[10] with { Source = rows[10].Source with { Cell = "C1" } });
            rows.Add(rows[60_000] with { Source = rows[60_000].Source with { Cell = "C2" } });
            return rows;
        }

        var rows = Rows();
        var commit = store.CommitFile(File("first.csv", T0), rows, T0);

        Assert.Equal((SqliteStaging.BulkRows + 20_000, 0), (commit.Added, commit.Unchanged));
        Assert.Equal(indexes, Indexes(store));
        Assert.Equal(rows.Select(o => o.Source.Cell).Where(c => c is not "C1" and not "C2"), store.AllObservations().Select(o => o.Source.Cell));

        using var t2 = TestStore.Create(StoreOptions.Sqlite);
        var other = t2.Open();
        var conflicting = Rows();
        conflicting[^1] = conflicting[^1] with { Value = -1, Source = conflicting[^1].Source with { RawText = "-1" } };
        using var refused = other.BeginFile();
        foreach (var o in conflicting)
        {
            refused.Add(o);
        }

        var conflict = Assert.Single(refused.Conflicts(10));
        Assert.Equal(("Sheet1", 2, 3, "-1"), (conflict.Sheet, conflict.Row, conflict.Column, conflict.Found)); // C2
        Assert.Contains("but Sheet1!B60002 gives '60000' for the same series and period", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_load_in_the_order_of_its_periods_finds_a_row_given_twice_within_one_period()
    {
        using var t = TestStore.Create(StoreOptions.Sqlite);
        var store = t.Open();
        // Period after period, each region once — but for R5 of the last year given again, with another value, in it.
        var rows = Enumerable.Range(0, SqliteStaging.BulkRows + 1000)
            .Select(i => Gdp(1950 + (i / 500), i, "first.csv", $"B{i + 2}", $"R{i % 500}")).ToList();
        rows.Insert(rows.Count - 10, rows[^495] with { Value = -5, Source = rows[^495].Source with { Cell = "C3", RawText = "-5" } });
        using var session = store.BeginFile();
        foreach (var o in rows)
        {
            session.Add(o);
        }

        var conflict = Assert.Single(session.Conflicts(10));
        Assert.Equal(("Sheet1", 3, 3, "-5"), (conflict.Sheet, conflict.Row, conflict.Column, conflict.Found)); // C3
        Assert.Contains($"gives '{SqliteStaging.BulkRows + 505}'", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_load_of_few_flagged_rows_keeps_their_index_and_finds_them_through_it()
    {
        using var t = TestStore.Create(StoreOptions.Sqlite);
        var store = t.Open();
        var indexes = Indexes(store);
        // 300 regions over 170 years, one row in 500 a 其中 row: the partial index stays through the load while the others are made again.
        var rows = Enumerable.Range(0, SqliteStaging.BulkRows + 1000)
            .Select(i => Gdp(1950 + (i / 300), i, "first.csv", $"B{i + 2}", $"R{i % 300}") with { Flags = i % 500 == 0 ? ObservationFlags.Subset : ObservationFlags.None })
            .ToArray();

        Assert.Equal(rows.Length, store.CommitFile(File("first.csv", T0), rows, T0).Added);

        Assert.Equal(indexes, Indexes(store));
        Assert.Contains("ix_observations_flagged", indexes.Select(i => i.Name));
        Assert.Equal(rows.Where(o => o.Flags != ObservationFlags.None).Select(o => o.Source.Cell).Order(StringComparer.Ordinal),
            FlaggedThroughIndex(store).Order(StringComparer.Ordinal));
    }

    /// <summary>The cells of the flagged rows, read through the partial index of them.</summary>
    private static List<string> FlaggedThroughIndex(ObservationStore store)
    {
        using var c = store.Database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT cell FROM observations INDEXED BY ix_observations_flagged WHERE flags <> ''";
        using var r = cmd.ExecuteReader();
        var cells = new List<string>();
        while (r.Read())
        {
            cells.Add(r.GetString(0));
        }

        return cells;
    }

    private static List<(string Name, string Sql)> Indexes(ObservationStore store)
    {
        using var c = store.Database.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations' AND sql IS NOT NULL ORDER BY name";
        using var r = cmd.ExecuteReader();
        var list = new List<(string, string)>();
        while (r.Read())
        {
            list.Add((r.GetString(0), r.GetString(1)));
        }

        return list;
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void A_new_reading_of_a_file_is_compared_with_its_own_readings_and_takes_its_place_among_the_vintages(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        var a = store.CommitFile(File("a.csv", T0), [Gdp(2021, 10, "a.csv")], T0);
        store.CommitFile(File("b.csv", T0.AddDays(1)), [Gdp(2021, 20, "b.csv")], T0.AddDays(1));

        var unchanged = store.CommitReprocessed(File("a.csv", T0.AddDays(2)) with { Reason = FileRecord.Reprocessed, ReprocessOf = a.FileId }, [Gdp(2021, 10, "a.csv")]);
        var changed = store.CommitReprocessed(File("a.csv", T0.AddDays(3)) with { Reason = FileRecord.Reprocessed, ReprocessOf = a.FileId }, [Gdp(2021, 11, "a.csv")]);

        Assert.Equal((0L, 0), (unchanged.FileId, unchanged.Added));
        Assert.Equal(1, changed.Added);
        Assert.Equal(20, Assert.Single(store.LatestObservations()).Value);
        Assert.Equal([10.0, 11.0, 20.0], store.AllObservations().Select(o => o.Value!.Value));
    }

    /// <summary>
    /// A new reading of a file that no longer gives a value the file gave (an unmapped label now mapped, a row now read
    /// as another series) withdraws it: a row of no value flagged withdrawn, in the file's place, naming the cell it came
    /// from. Before, the value misread stayed the latest. A later file's value stays the latest; a reading that gives
    /// the value again brings it back; a reading that withdraws nothing new adds nothing.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void A_value_a_new_reading_of_its_file_no_longer_gives_is_withdrawn_in_the_files_place(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        var a = store.CommitFile(File("a.csv", T0), [Gdp(2020, 10, "a.csv", "B4"), Gdp(2021, 11, "a.csv", "C4"), Gdp(2021, 12, "a.csv", "C4", region: "湖南省")], T0);
        store.CommitFile(File("b.csv", T0.AddDays(1)), [Gdp(2020, 20, "b.csv")], T0.AddDays(1));
        FileRecord Reading(int day) => File("a.csv", T0.AddDays(day)) with { Reason = FileRecord.Reprocessed, ReprocessOf = a.FileId };

        var first = store.CommitReprocessed(Reading(2), [Gdp(2021, 11, "a.csv", "C4")]);
        var again = store.CommitReprocessed(Reading(3), [Gdp(2021, 11, "a.csv", "C4")]);

        Assert.Equal((0, 1, 2), (first.Added, first.Unchanged, first.Withdrawn));
        Assert.Equal((0L, 0), (again.FileId, again.Withdrawn));
        var latest = store.LatestObservations().ToDictionary(o => (o.Key.Region, o.Period.Code));
        Assert.Equal(20, latest[("全国", "2020")].Value);
        Assert.Equal(11, latest[("全国", "2021")].Value);
        var withdrawn = latest[("湖南省", "2021")];
        Assert.Equal((null, ObservationStatus.Missing, ObservationFlags.Withdrawn, "C4", "", first.FileId),
            (withdrawn.Value, withdrawn.Status, withdrawn.Flags & ObservationFlags.Withdrawn, withdrawn.Source.Cell, withdrawn.Source.RawText, withdrawn.VintageId));

        var back = store.CommitReprocessed(Reading(4), [Gdp(2021, 11, "a.csv", "C4"), Gdp(2021, 12, "a.csv", "C4", region: "湖南省")]);
        Assert.Equal((1, 0), (back.Added, back.Withdrawn));
        Assert.Equal(12, store.LatestObservations().Single(o => o.Key.Region == "湖南省").Value);
    }

    /// <summary>
    /// A later file that restated a value unchanged kept no row of its own: one file's reading withdraws the value, and
    /// the later file's reading — reprocess takes every file in order — brings it back in its own place.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void A_value_withdrawn_by_a_files_reading_comes_back_with_the_reading_of_a_later_file_that_restated_it(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        var f = store.CommitFile(File("f.csv", T0), [Gdp(2020, 9, "f.csv"), Gdp(2021, 10, "f.csv")], T0);
        var g = store.CommitFile(File("g.csv", T0.AddDays(1)), [Gdp(2021, 10, "g.csv"), Gdp(2022, 12, "g.csv")], T0.AddDays(1));
        Assert.Equal((1, 1), (g.Added, g.Unchanged));

        store.CommitReprocessed(File("f.csv", T0.AddDays(2)) with { Reason = FileRecord.Reprocessed, ReprocessOf = f.FileId }, [Gdp(2020, 9, "f.csv")]);
        Assert.Null(store.LatestObservations().Single(o => o.Period.Code == "2021").Value);
        var again = store.CommitReprocessed(File("g.csv", T0.AddDays(3)) with { Reason = FileRecord.Reprocessed, ReprocessOf = g.FileId }, [Gdp(2021, 10, "g.csv"), Gdp(2022, 12, "g.csv")]);

        var latest = store.LatestObservations().Single(o => o.Period.Code == "2021");
        Assert.Equal((10.0, again.FileId, "g.csv"), (latest.Value, latest.VintageId, latest.Source.FileName));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Regions_are_read_by_region_and_deliveries_keep_refusals(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        store.CommitFile(File("r.csv", T0), [Gdp(2021, 1, "r.csv", region: "湖南"), Gdp(2021, 2, "r.csv", "H4", region: "湖北")], T0);
        store.RecordDelivery("bad.csv", "bad-sha", T0.AddHours(1), DeliveryOutcome.Quarantined, null, "quarantine/bad.csv", "no table found");

        Assert.Equal(new HashSet<string> { "湖南", "湖北" }, store.Regions());
        Assert.Equal(2, Assert.Single(store.LatestObservations(regions: ["湖北"])).Value);
        var refused = store.Deliveries().Last();
        Assert.Equal((DeliveryOutcome.Quarantined, (long?)null, "no table found"), (refused.Outcome, refused.FileId, refused.Detail));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void A_refusal_or_duplicate_recorded_again_for_the_same_file_and_place_is_kept_once(string provider)
    {
        // The delivery is recorded before the file is moved; a process killed in between handles the file again on its
        // restart and records it again: one row, the first. The same content dropped again goes to another place: a row.
        using var t = TestStore.Create(provider);
        var store = t.Open();
        store.RecordDelivery("bad.csv", "bad-sha", T0, DeliveryOutcome.Quarantined, null, "quarantine/bad.csv", "no table found");
        store.RecordDelivery("bad.csv", "bad-sha", T0.AddMinutes(1), DeliveryOutcome.Quarantined, null, "quarantine/bad.csv", "no table found");
        store.RecordDelivery("bad.csv", "bad-sha", T0.AddHours(1), DeliveryOutcome.Quarantined, null, "quarantine/bad(1).csv", "no table found");

        Assert.Equal([("quarantine/bad.csv", T0), ("quarantine/bad(1).csv", T0.AddHours(1))], store.Deliveries().Select(d => (d.StoredPath, d.ReceivedAt)));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Source_state_is_kept_per_source_and_item_and_replaced_on_the_next_attempt(string provider)
    {
        using var t = TestStore.Create(provider);
        var states = new SourceStateStore(t.Open());

        states.Put(new SourceItemState("bureau", "2023-03", "\"e1\"", "Wed, 01 Mar 2023 00:00:00 GMT", "abc", 10, T0, T0, "saved", "ok"));
        states.Put(new SourceItemState("bureau", "2023-03", null, null, null, null, null, T0.AddHours(1), "not-found", "404"));
        states.Put(new SourceItemState("other", "*", null, null, null, null, null, T0, "failed", "timeout"));

        var state = new SourceStateStore(t.Open()).Get("bureau", "2023-03")!;
        Assert.Equal((null, null, (long?)null, (DateTimeOffset?)null, T0.AddHours(1), "not-found"), (state.ETag, state.Sha256, state.SizeBytes, state.FetchedAt, state.CheckedAt, state.Outcome));
        Assert.Equal(["bureau", "other"], states.All().Select(s => s.Source));
        Assert.Single(states.All("other"));
        Assert.Null(states.Get("bureau", "2023-04"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void A_computed_value_is_rewritten_only_when_it_changed_and_a_change_is_a_revision_naming_the_revised_input(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        var a = store.CommitFile(File("a.csv", T0), [Gdp(2021, 100, "a.csv")], T0);
        var indicators = new IndicatorStore(store);
        IndicatorRecord Share(Observation input, double value) =>
            new("gdp", "share", "全国", "industry", "2021", "A", value, "%", null, [input]);
        var first = Assert.Single(store.LatestObservations());

        Assert.Equal(0, indicators.Save([Share(first, 32.3), new IndicatorRecord("gdp", "gone", "全国", "x", "2021", "A", null, "%", "needs GDP", [])], T0));
        Assert.Equal(0, indicators.Save([Share(first, 32.3)], T0.AddDays(1)));
        var b = store.CommitFile(File("b.csv", T0.AddDays(2)), [Gdp(2021, 110, "b.csv")], T0.AddDays(2));
        var revised = Assert.Single(store.LatestObservations());
        Assert.Equal(1, indicators.Save([Share(revised, 29.4)], T0.AddDays(2)));

        var value = Assert.Single(indicators.Values());
        Assert.Equal((29.4, b.FileId.ToString(CultureInfo.InvariantCulture)), (value.Value!.Value, value.InputVintages));
        var revision = Assert.Single(indicators.Revisions());
        Assert.Equal((32.3, 29.4, a.FileId.ToString(CultureInfo.InvariantCulture), b.FileId), (revision.PreviousValue!.Value, revision.NewValue!.Value, revision.PreviousVintages, revision.LatestVintage!.Value));
        Assert.Contains($"2021: 100 (vintage {a.FileId}) → 110 (vintage {b.FileId})", revision.RevisedInputs, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Only_the_years_whose_computed_values_changed_are_read_back_and_a_value_no_longer_computed_leaves_any_year(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        store.CommitFile(File("a.csv", T0), [Gdp(2020, 90, "a.csv"), Gdp(2021, 100, "a.csv", "G5")], T0);
        var indicators = new IndicatorStore(store);
        var (y2020, y2021) = Years(store);
        IndicatorRecord Rec(string indicator, string period, double? value, params Observation[] inputs) =>
            new("gdp", indicator, "全国", "industry", period, "A", value, "%", null, inputs);
        var undated = new IndicatorRecord("targets", "projected", "全国", "t", string.Empty, "A", null, "亿元", "no data", []);
        IndicatorRecord[] first = [Rec("share", "2020", 30, y2020), Rec("share", "2021", 32, y2021), Rec("slope", "2021", 1, y2020, y2021), undated];

        indicators.Save(first, T0);
        Assert.Equal(["", "2020", "2021"], indicators.LastSaveCompared);
        Assert.Equal(0, indicators.Save(first, T0.AddDays(1)));
        Assert.Empty(indicators.LastSaveCompared);

        // 2021 revised and 2022 new: the slope moves to 2022 (its 2021 value is no longer computed); 2020 and the undated
        // target are not read back and keep the time they were computed.
        store.CommitFile(File("b.csv", T0.AddDays(2)), [Gdp(2021, 110, "b.csv"), Gdp(2022, 120, "b.csv", "G6")], T0.AddDays(2));
        var (_, r2021) = Years(store);
        var y2022 = store.LatestObservations().Single(o => o.Period.Year == 2022);
        IndicatorRecord[] second = [Rec("share", "2020", 30, y2020), Rec("share", "2021", 29, r2021), Rec("share", "2022", 31, y2022), Rec("slope", "2022", 2, y2020, r2021, y2022), undated];
        Assert.Equal(1, indicators.Save(second, T0.AddDays(2)));
        Assert.Equal(["2021", "2022"], indicators.LastSaveCompared);
        var values = indicators.Values().ToDictionary(v => $"{v.Indicator} {v.Period}", v => v.Value);
        Assert.Equal(["projected ", "share 2020", "share 2021", "share 2022", "slope 2022"], values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(29, values["share 2021"]);
        Assert.Equal("2021", Assert.Single(indicators.Revisions()).Period);

        // A year whose only value is no longer computed is read back and emptied.
        Assert.Equal(0, indicators.Save(second[1..], T0.AddDays(3)));
        Assert.Equal(["2020"], indicators.LastSaveCompared);
        Assert.DoesNotContain(indicators.Values(), v => v.Period == "2020");

        // A store without the years' digests (older than schema version 8, or copied) is compared in full, once.
        using (var c = store.OpenConnection())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "DELETE FROM indicator_partitions";
            cmd.ExecuteNonQuery();
        }

        Assert.Equal(0, indicators.Save(second[1..^1], T0.AddDays(4)));
        Assert.Equal(["", "2021", "2022"], indicators.LastSaveCompared);
        Assert.DoesNotContain(indicators.Values(), v => v.Indicator == "projected");
        Assert.Equal(0, indicators.Save(second[1..^1], T0.AddDays(5)));
        Assert.Empty(indicators.LastSaveCompared);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Every_value_of_a_changed_year_is_read_back_whatever_its_period_and_none_of_the_years_beside_it(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        store.CommitFile(File("a.csv", T0), [Gdp(2020, 90, "a.csv"), Gdp(2021, 100, "a.csv", "G5")], T0);
        var indicators = new IndicatorStore(store);
        var (y2020, y2021) = Years(store);
        IndicatorRecord Rec(string period, double value, Observation input) => new("gdp", "share", "全国", "industry", period, "A", value, "%", null, [input]);
        string[] year = ["2021", "2021-01", "2021-12", "2021-Q4", "2021-2023"];
        IndicatorRecord[] beside = [Rec("2020-12", 30, y2020), Rec("2022-01", 30, y2021)];
        indicators.Save([.. year.Select(p => Rec(p, 30, y2021)), .. beside], T0);

        // Each value of 2021 changed: each read back and compared (a revision each), the years beside it not read.
        Assert.Equal(year.Length, indicators.Save([.. year.Select(p => Rec(p, 31, y2021)), .. beside], T0.AddDays(1)));
        Assert.Equal(["2021"], indicators.LastSaveCompared);
        Assert.Equal(year.Order(StringComparer.Ordinal), indicators.Revisions().Select(r => r.Period).Order(StringComparer.Ordinal));
    }

    /// <summary>The <c>inputs</c> column as users script against it: the JSON of a list of (Series, Period, Value, Vintage).</summary>
    private sealed record StoredInput(string Series, string Period, double? Value, long Vintage);

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void A_values_inputs_are_kept_as_the_JSON_of_their_series_period_value_and_vintage(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        store.CommitFile(File("a.csv", T0), [Gdp(2020, 90.125, "a.csv"), Gdp(2021, null, "a.csv", "G5"), Gdp(2021, 1e-7, "a.csv", "G6", "广东省\"引号\"")], T0);
        var inputs = store.LatestObservations().ToArray();
        new IndicatorStore(store).Save([new IndicatorRecord("gdp", "share", "全国", "industry", "2021", "A", 32, "%", null, inputs)], T0);

        using var c = store.OpenConnection();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT inputs FROM indicator_values";
        var expected = System.Text.Json.JsonSerializer.Serialize(inputs.Select(o => new StoredInput(o.Key.ToString(), o.Period.Code, o.Value, o.VintageId)).ToList());
        Assert.Equal(expected, (string?)cmd.ExecuteScalar());
        Assert.Contains("\\u5E7F", expected, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Values_sharing_some_fields_with_the_value_before_are_each_stored_whole(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        store.CommitFile(File("a.csv", T0), [Gdp(2020, 90, "a.csv")], T0);
        var inputs = store.LatestObservations().ToArray();
        IndicatorRecord[] records =
        [
            new("gdp", "share", "全国", "industry", "2021", "A", 32, "%", null, inputs),
            new("gdp", "share", "全国", "industry", "2022", "A", null, "%", "not computable", inputs),
            new("gdp", "share", "广东省", "industry", "2022", "A", 33, "%", null, []),
            new("trend", "share", "广东省", "industry", "2022", "B", 1e-7, "百分点", "a note", inputs),
            new("gdp", "share", "全国", "industry", "2023", "A", 34, "%", null, inputs),
        ];

        new IndicatorStore(store).Save(records, T0);

        var expected = records.Select(r => (r.Block, r.Indicator, r.Region, r.Subject, r.Period, r.Basis, r.Value, r.Unit, r.Note, string.Join(',', r.InputVintages)));
        Assert.Equal(expected.Order(), new IndicatorStore(store).Values().Order());
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Drivers_kept_as_stored_are_neither_compared_nor_removed_and_their_digest_counts_in_their_year(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        store.CommitFile(File("a.csv", T0), [Gdp(2020, 90, "a.csv"), Gdp(2021, 100, "a.csv", "G5")], T0);
        var indicators = new IndicatorStore(store);
        var (y2020, y2021) = Years(store);
        IndicatorRecord Driver(string period, double value, Observation input) => new("drivers", "DRIVER_WEIGHT", "全国", "13", period, "M", value, "%", null, [input]);
        var share = new IndicatorRecord("gdp", "share", "全国", "industry", "2021", "A", 32, "%", null, [y2021]);
        var inputs = new Dictionary<string, string> { ["全国|M|2020-03"] = "i2020", ["全国|M|2021-03"] = "i2021" };
        IndicatorStore.GroupedDrivers Keeping(params (string Group, string Digest)[] kept) => new(inputs, kept.ToDictionary(k => k.Group, k => k.Digest));

        indicators.Save([Driver("2020-03", 10, y2020), Driver("2021-03", 20, y2021), share], T0, Keeping());
        var groups = indicators.Groups();
        Assert.Equal(["i2020", "i2021"], groups.Values.Select(g => g.Inputs).Order(StringComparer.Ordinal));

        // 2020-03 kept as stored: its year's digest is as computed in full, so nothing is read back.
        var kept2020 = ("全国|M|2020-03", groups["全国|M|2020-03"].Digest);
        indicators.Save([Driver("2021-03", 20, y2021), share], T0.AddDays(1), Keeping(kept2020));
        Assert.Empty(indicators.LastSaveCompared);

        // 2021-03 changed, 2020-03 kept: only 2021 is compared, and the kept value stays.
        Assert.Equal(1, indicators.Save([Driver("2021-03", 25, y2021), share], T0.AddDays(2), Keeping(kept2020)));
        Assert.Equal(["2021"], indicators.LastSaveCompared);
        Assert.Equal([("2020-03", 10.0), ("2021-03", 25.0)], indicators.Values().Where(v => v.Block == "drivers").Select(v => (v.Period, v.Value!.Value)).Order());

        // A computation made whole (no groups) finds the same digests, and keeps no group: the next refresh computes them all.
        indicators.Save([Driver("2020-03", 10, y2020), Driver("2021-03", 25, y2021), share], T0.AddDays(3));
        Assert.Empty(indicators.LastSaveCompared);
        Assert.Empty(indicators.Groups());

        // A group to keep that the store does not hold as it was found: an error, nothing written.
        var error = Assert.Throws<InvalidOperationException>(() => indicators.Save([share], T0.AddDays(4), Keeping(kept2020)));
        Assert.Contains("全国|M|2020-03", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, indicators.Values().Count(v => v.Block == "drivers"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Some_years_stored_alone_leave_the_other_years_values_digests_and_groups_as_they_are(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        store.CommitFile(File("a.csv", T0), [Gdp(2020, 90, "a.csv"), Gdp(2021, 100, "a.csv", "G5")], T0);
        var indicators = new IndicatorStore(store);
        var (y2020, y2021) = Years(store);
        IndicatorRecord Driver(string period, string subject, double value, Observation input) => new("drivers", "DRIVER_WEIGHT", "全国", subject, period, "M", value, "%", null, [input]);
        var inputs = new Dictionary<string, string> { ["全国|M|2020-03"] = "i2020", ["全国|M|2021-03"] = "i2021" };
        var grouped = new IndicatorStore.GroupedDrivers(inputs, new Dictionary<string, string>());
        IReadOnlySet<string> only2021 = new HashSet<string> { "2021" };

        // A new store: the first years stored alone get their digest and their groups.
        indicators.Save([Driver("2020-03", "13", 10, y2020)], T0, grouped, new HashSet<string> { "2020" });
        indicators.Save([Driver("2021-03", "13", 20, y2021), Driver("2021-03", "26", 5, y2021)], T0.AddDays(1), grouped, only2021);
        Assert.Equal(["全国|M|2020-03", "全国|M|2021-03"], indicators.Groups().Keys.Order(StringComparer.Ordinal));
        var before2020 = indicators.Values().Where(v => v.Period == "2020-03").ToArray();

        // 2021 again, one value changed and one gone: 2021 only is compared; 2020's value, digest and group stay.
        Assert.Equal(1, indicators.Save([Driver("2021-03", "13", 25, y2021)], T0.AddDays(2), grouped, only2021));
        Assert.Equal(["2021"], indicators.LastSaveCompared);
        Assert.Equal([("2020-03", "13", 10.0), ("2021-03", "13", 25.0)], indicators.Values().Select(v => (v.Period, v.Subject, v.Value!.Value)).Order());
        Assert.Equal(before2020, indicators.Values().Where(v => v.Period == "2020-03").ToArray());
        Assert.Equal(2, indicators.Groups().Count);

        // The whole computation finds both years' digests as the years stored alone left them: nothing read back.
        indicators.Save([Driver("2020-03", "13", 10, y2020), Driver("2021-03", "13", 25, y2021)], T0.AddDays(3), grouped);
        Assert.Empty(indicators.LastSaveCompared);

        // A value of another year given with some years: refused, nothing written.
        Assert.Throws<ArgumentException>(() => indicators.Save([Driver("2020-03", "13", 11, y2020)], T0.AddDays(4), grouped, only2021));
        Assert.Equal(10, indicators.Values().Single(v => v.Period == "2020-03").Value);
    }

    private static (Observation, Observation) Years(ObservationStore store)
    {
        var latest = store.LatestObservations();
        return (latest.Single(o => o.Period.Year == 2020), latest.Single(o => o.Period.Year == 2021));
    }

    [SkippableTheory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public void Files_committed_at_the_same_time_each_land_once_and_each_value_is_compared_with_the_one_committed_before(string provider)
    {
        using var t = TestStore.Create(provider);
        var store = t.Open();
        const int Files = 12;

        // Every file gives 2021 the same value and a year of its own: the shared value is stored once, by whichever commits first.
        Parallel.For(0, Files, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var name = $"f{i}.csv";
            t.Open().CommitFile(File(name, T0.AddMinutes(i)), [Gdp(2021, 7, name), Gdp(2000 + i, i, name, "H9")], T0.AddMinutes(i));
        });

        var files = store.Files();
        Assert.Equal(Files, files.Count);
        Assert.Equal(Files + 1, store.AllObservations().Count);
        Assert.Equal(1, files.Count(f => f.ObservationsAdded == 2));
        Assert.Equal(files.Min(f => f.Id), files.Single(f => f.ObservationsAdded == 2).Id);
        Assert.Equal(Files, store.Deliveries().Count);
    }
}
