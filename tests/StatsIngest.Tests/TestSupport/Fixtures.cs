namespace StatsIngest.Tests.TestSupport;

public static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Sample(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "samples", name);

    public const string Preliminary = "01_national_accounts_2019-2021_preliminary.csv";
    public const string Final2021 = "02_national_accounts_2021_final_2022_preliminary.csv";
    public const string Monthly2023 = "03_iva_above_scale_monthly_2023.csv";
}
