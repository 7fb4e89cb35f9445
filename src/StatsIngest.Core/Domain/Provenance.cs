namespace StatsIngest.Domain;

/// <summary>Where a number was read: the file (name and SHA-256), the sheet and the cell (A1 notation), and the text found there.</summary>
public sealed record Provenance(string FileName, string Sha256, string Sheet, string Cell, string RawText)
{
    public override string ToString() => $"{FileName}!{Sheet}!{Cell}";
}
