namespace Commerce.Testing.Temporal.Matching;

/// <summary>
/// One Temporal task queue of one kind (workflow or activity tasks): tasks waiting for a poller, and pollers waiting for
/// a task. A task goes to the longest-waiting poller; a poll that finds nothing within its wait answers empty, as a real
/// server's long poll does.
/// </summary>
internal sealed class TaskQueue<TTask>
    where TTask : class
{
    private readonly Lock _gate = new();
    private readonly Queue<TTask> _backlog = new();
    private readonly LinkedList<TaskCompletionSource<TTask?>> _pollers = new();

    public void Add(TTask task)
    {
        lock (_gate)
        {
            while (_pollers.First is { } poller)
            {
                _pollers.RemoveFirst();
                // A poller that gave up (timed out or cancelled) cannot take it; try the next one.
                if (poller.Value.TrySetResult(task))
                {
                    return;
                }
            }
            _backlog.Enqueue(task);
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for a task; null when none came.</summary>
    public async Task<TTask?> TakeAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        TaskCompletionSource<TTask?> poller = new(TaskCreationOptions.RunContinuationsAsynchronously);
        LinkedListNode<TaskCompletionSource<TTask?>> node;
        lock (_gate)
        {
            if (_backlog.TryDequeue(out var ready))
            {
                return ready;
            }
            node = _pollers.AddLast(poller);
        }

        // The wait is real time even under a fake clock: it bounds an RPC, not workflow time.
        using var timeout = new CancellationTokenSource(wait);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        await using (linked.Token.Register(() => poller.TrySetResult(null)))
        {
            var task = await poller.Task.ConfigureAwait(false);
            if (task is null)
            {
                lock (_gate)
                {
                    if (node.List is not null)
                    {
                        _pollers.Remove(node);
                    }
                }
            }
            return task;
        }
    }

    /// <summary>Answers every waiting poller empty, as when a worker shuts down or the server stops.</summary>
    public void ReleasePollers()
    {
        lock (_gate)
        {
            foreach (var poller in _pollers)
            {
                poller.TrySetResult(null);
            }
            _pollers.Clear();
        }
    }
}
