using System.IO.Enumeration;
using Microsoft.Extensions.Options;

namespace StatsIngest.Collect;

/// <summary>
/// The names of files that are never taken — from the inbox, a collected folder, a folder given to <c>ingest</c> or the
/// bundled samples: an editor's lock file (<c>~$…</c>), a hidden file, a download or copy not finished (<c>*.part</c>,
/// <c>*.crdownload</c>), a quarantine report. The patterns (<c>*</c> and <c>?</c>, case ignored) are data:
/// <c>Inbox:IgnoredNames</c> in config/appsettings.json.
/// </summary>
public sealed class IgnoredNames(IOptions<InboxOptions> options)
{
    private readonly string[] _patterns = [.. options.Value.IgnoredNames];

    public bool Contains(string fileName) =>
        _patterns.Any(p => FileSystemName.MatchesSimpleExpression(p, fileName, ignoreCase: true));
}
