namespace StatsIngest.Report;

/// <summary>Where the workbooks are published (the data folder's <c>out/</c>, given by the host that composes the flow).</summary>
public sealed record OutputFolder(string Path);
