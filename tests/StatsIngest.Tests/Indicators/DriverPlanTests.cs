using StatsIngest.Compute;
using StatsIngest.Domain;
using StatsIngest.Indicators;
using StatsIngest.Normalize.Lexicon;
using StatsIngest.Store;

namespace StatsIngest.Tests.Indicators;

public sealed class DriverPlanTests
{
    private static readonly CodeLists Codes = CodeLists.Load(Path.Combine(AppContext.BaseDirectory, "config", "codelists"));

    private static readonly string[] Regions = ["广东省", "江苏省"];

    /// <summary>
    /// Two regions' months with 规上工业 and two industries, the regions taking turns row by row: the worst order for a
    /// plan that looks a region up again only when the row's region string changes. <paramref name="region"/> makes each
    /// row's region string (one shared string, or a string of its own). A revision of 江苏省's C in February 2024
    /// (<paramref name="revised"/>) is another value of another vintage, as the store keeps it.
    /// </summary>
    private static List<Observation> Rows(Func<string, string> region, bool revised = false)
    {
        var rows = new List<Observation>();
        foreach (var month in Enumerable.Range(0, 27).Select(i => ReportingPeriod.ForMonth(2023 + (i / 12), (i % 12) + 1)))
        {
            foreach (var industry in new[] { SeriesKey.AllIndustries, "C", "13" })
            {
                foreach (var name in Regions)
                {
                    var revision = revised && name == "江苏省" && industry == "C" && month == ReportingPeriod.ForMonth(2024, 2);
                    var o = Synthetic.Obs(IndicatorCodes.AboveScaleValueAdded, industry, month, Basis.Month, Measure.YoY, revision ? 9.9 : 5.0 + month.Number / 10.0, region: region(name));
                    rows.Add(revision ? o with { VintageId = o.VintageId + 1 } : o);
                }
            }
        }

        return rows;
    }

    private static DriverPlan Plan(IReadOnlyList<Observation> rows) =>
        DriverPlan.For([.. rows.Select(ObservationVintage.Of)], Codes, "setup", new Dictionary<string, IndicatorStore.StoredGroup>(), shownPeriods: 1, everyGroup: false);

    [Fact]
    public void A_groups_industries_present_are_those_of_its_own_region_basis_and_month()
    {
        // 广东省 without division 13 in May 2023: its group that month presents C alone; every other group C and 13.
        var rows = Rows(name => name).Where(o => !(o.Key.Region == "广东省" && o.Key.Industry == "13" && o.Period == ReportingPeriod.ForMonth(2023, 5))).ToList();
        var present = Plan(rows).Groups.ToDictionary(g => (g.Group.Region, g.Group.Period), g => string.Join(",", g.Present.Select(c => c.Code).Order(StringComparer.Ordinal)));

        Assert.Equal("C", present[("广东省", ReportingPeriod.ForMonth(2023, 5))]);
        Assert.All(present.Where(p => p.Key != ("广东省", ReportingPeriod.ForMonth(2023, 5))), p => Assert.Equal("13,C", p.Value));
    }

    [Fact]
    public void Sets_of_the_same_industries_are_equal_however_they_grew_and_others_are_not()
    {
        var grown = new IndustrySet(); // to 256 bits, then to 512
        grown.Add(130);
        grown.Add(300);
        var once = new IndustrySet(); // to 320 bits at once
        once.Add(300);
        once.Add(130);
        var fewer = new IndustrySet();
        fewer.Add(130);

        Assert.Equal(grown, once);
        Assert.Equal(grown.GetHashCode(), once.GetHashCode());
        Assert.NotEqual(grown, fewer);
        Assert.Equal((true, false, false), (fewer.Contains(130), fewer.Contains(300), fewer.Contains(2)));
    }

    [Fact]
    public void A_regions_groups_and_their_inputs_do_not_depend_on_whether_rows_share_the_regions_string()
    {
        var shared = Plan(Rows(name => name));
        var ownStrings = Plan(Rows(name => new string(name.AsSpan())));

        Assert.Equal(2 * 27, shared.Groups.Count);
        Assert.Equal(shared.Groups.Select(g => (g.Group, string.Join(",", g.Present.Select(c => c.Code)))),
            ownStrings.Groups.Select(g => (g.Group, string.Join(",", g.Present.Select(c => c.Code)))));
        Assert.Equal(shared.Grouped!.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal), ownStrings.Grouped!.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void A_revision_changes_the_inputs_of_its_regions_groups_of_that_month_and_a_year_on_only()
    {
        var before = Plan(Rows(name => new string(name.AsSpan()))).Grouped!.Inputs;
        var after = Plan(Rows(name => new string(name.AsSpan()), revised: true)).Grouped!.Inputs;

        var changed = before.Keys.Where(k => before[k] != after[k]).ToArray();
        Assert.Equal([ComputedPartitions.GroupKey("江苏省", "M", "2024-02"), ComputedPartitions.GroupKey("江苏省", "M", "2025-02")], changed.Order(StringComparer.Ordinal));
    }
}
