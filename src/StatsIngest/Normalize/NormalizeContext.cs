namespace StatsIngest.Normalize;

/// <summary>What a layout needs besides the sheet: the code lists, the file's identity (for provenance) and the defaults.</summary>
public sealed record NormalizeContext(CodeLists Codes, string FileName, string Sha256, string DefaultRegion);
