using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.TaskQueue.V1;

namespace Commerce.Testing.Temporal.Matching;

/// <summary>
/// Which workers polled which task queue, and when last: what <c>DescribeTaskQueue</c> reports as its pollers. As on a
/// real server, a worker that has not polled for five minutes is no longer listed.
/// </summary>
internal sealed class PollerRegistry(TimeProvider time)
{
    private static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(TaskQueueKey Queue, TaskQueueType Type, string Identity), DateTimeOffset> _lastPolls = new();

    /// <summary>Notes a poll of a normal queue; a sticky queue's poll is the same worker's, listed under its normal one.</summary>
    public void Polled(string @namespace, TaskQueue? queue, TaskQueueType type, string identity)
    {
        var name = queue?.Kind == TaskQueueKind.Sticky ? queue.NormalName : queue?.Name;
        if (!string.IsNullOrEmpty(name))
        {
            _lastPolls[(new TaskQueueKey(@namespace, name), type, identity)] = time.GetUtcNow();
        }
    }

    public IEnumerable<PollerInfo> Pollers(string @namespace, string queue, TaskQueueType type)
    {
        var since = time.GetUtcNow() - Forgotten;
        var key = new TaskQueueKey(@namespace, queue);
        return _lastPolls
            .Where(poll => poll.Key.Queue == key && poll.Key.Type == type && poll.Value >= since)
            .OrderByDescending(poll => poll.Value)
            .Select(poll => new PollerInfo { Identity = poll.Key.Identity, LastAccessTime = Timestamp.FromDateTimeOffset(poll.Value) });
    }
}
