using StatsIngest.Messages;

namespace StatsIngest.Collect;

/// <summary>
/// An entry of the inbox ready to be handled: a stable regular file to take, a link to follow (Inbox:FollowLinks), or
/// something refused without being opened (a FIFO, a device, a link, a folder) with the reason in words.
/// </summary>
public sealed record InboxEntry(string Path, InboxAction Action, Msg? Reason = null);

/// <summary>What to do with an inbox entry.</summary>
public enum InboxAction
{
    /// <summary>A stable regular file: move it into work/.</summary>
    Take,

    /// <summary>A link allowed by Inbox:FollowLinks: copy its target's content into work/, remove the link.</summary>
    Follow,

    /// <summary>Not a regular file: move the entry itself to quarantine with a report; its content is never read.</summary>
    Refuse,
}
