using StatsIngest.Store;

namespace StatsIngest.Ingest;

/// <summary>What reading an archived file again gave.</summary>
public enum ReprocessResult
{
    /// <summary>Some values changed or are new: a vintage with the reason "reprocessed" was added.</summary>
    Reprocessed,

    /// <summary>Every value reads as before: nothing was added.</summary>
    Unchanged,

    /// <summary>The file can not be read with today's reader, code lists or rules: nothing changed; the problems say why.</summary>
    Failed,

    /// <summary>The archived copy is gone or no longer has the content that was ingested: nothing changed.</summary>
    Missing,
}

/// <summary>One file read again: the result, a line that says what happened, and the commit when a vintage was added.</summary>
public sealed record ReprocessOutcome(string FileName, ReprocessResult Result, string Detail, IngestCommit? Commit = null)
{
    /// <summary>The file whose withdrawn values this later file may give back, when it was read again for that (else null: it was chosen).</summary>
    public string? After { get; init; }
}
