
namespace StatsIngest.Domain;

/// <summary>A period whose file is due from a source and has not arrived.</summary>
public sealed record OverdueFile(string Source, ReportingPeriod Period, DateOnly Due);

/// <summary>Which files are late now: the collection's deadlines, shown in the workbook's overview and on the operator's page.</summary>
public interface ILateFiles
{
    IReadOnlyList<OverdueFile> Overdue();
}
