namespace StatsIngest.Ingest;

/// <summary>How a file reaches work/: moved from the inbox, copied from where a command found it (the original stays), or already there (left by a stop).</summary>
public enum ClaimMode
{
    Move,
    Copy,
    Claimed,
}

/// <summary>A file to ingest and how to claim it.</summary>
public sealed record IngestRequest(string Path, ClaimMode Claim);
