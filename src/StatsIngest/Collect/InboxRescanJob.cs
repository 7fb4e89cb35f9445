using Quartz;

namespace StatsIngest.Collect;

/// <summary>The periodic rescan of the inbox: the file-system watcher is only a hint (it overflows, misses network shares, and sees nothing while the service is down).</summary>
[DisallowConcurrentExecution]
public sealed class InboxRescanJob(InboxSignal signal) : IJob
{
    public static readonly JobKey Key = new("inbox-rescan", "inbox");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        signal.Request();
        return ValueTask.CompletedTask;
    }
}
