using StatsIngest.Collect;
using StatsIngest.Messages;

namespace StatsIngest.Ingest;

/// <summary>
/// How a file reaches work/: moved from the inbox, copied from where a command found it (the original stays), its
/// link's target copied (Inbox:FollowLinks), already there (left by a stop) — or refused without being opened.
/// </summary>
public enum ClaimMode
{
    Move,
    Copy,
    Follow,
    Claimed,
    Refuse,
}

/// <summary>A file to ingest, how to claim it, and for a refusal the reason in words.</summary>
public sealed record IngestRequest(string Path, ClaimMode Claim, Msg? Reason = null)
{
    public static IngestRequest From(InboxEntry entry) => entry.Action switch
    {
        InboxAction.Follow => new(entry.Path, ClaimMode.Follow),
        InboxAction.Refuse => new(entry.Path, ClaimMode.Refuse, entry.Reason),
        _ => new(entry.Path, ClaimMode.Move),
    };
}
