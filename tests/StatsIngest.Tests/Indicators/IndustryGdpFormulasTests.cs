using StatsIngest.Indicators;

namespace StatsIngest.Tests.Indicators;

public class IndustryGdpFormulasTests
{
    [Fact]
    public void Contribution_pull_and_share_are_exact_on_synthetic_numbers()
    {
        Assert.Equal(50.0, IndustryGdpFormulas.ContributionRate(100, 10, 400, 5));
        Assert.Equal(2.5, IndustryGdpFormulas.Pull(100, 10, 400));
        Assert.Equal(25.0, IndustryGdpFormulas.Share(100, 400));
    }

    [Fact]
    public void Pull_is_contribution_times_gdp_growth()
    {
        var c = IndustryGdpFormulas.ContributionRate(317109, 2.4, 990865, 2.3)!.Value;
        var p = IndustryGdpFormulas.Pull(317109, 2.4, 990865)!.Value;
        Assert.Equal(c * 2.3 / 100, p, 12);
    }

    [Fact]
    public void Contributions_of_the_three_sectors_sum_to_100()
    {
        // Levels 100 + 300 + 600 = 1000 and increments 2 + 18 + 24 = 44, i.e. GDP grows 4.4%.
        var sum = IndustryGdpFormulas.ContributionRate(100, 2, 1000, 4.4)!.Value
                  + IndustryGdpFormulas.ContributionRate(300, 6, 1000, 4.4)!.Value
                  + IndustryGdpFormulas.ContributionRate(600, 4, 1000, 4.4)!.Value;
        Assert.Equal(100.0, sum, 10);
    }

    [Fact]
    public void Zero_gdp_growth_leaves_the_contribution_undefined()
    {
        Assert.Null(IndustryGdpFormulas.ContributionRate(100, 3, 400, 0));
        Assert.Equal(0.75, IndustryGdpFormulas.Pull(100, 3, 400));
    }

    [Fact]
    public void Negative_growth_of_both_gives_the_share_of_the_fall()
    {
        Assert.Equal(62.5, IndustryGdpFormulas.ContributionRate(100, -5, 400, -2));
        Assert.Equal(-1.25, IndustryGdpFormulas.Pull(100, -5, 400));
    }
}
