namespace Commerce.Messaging.Consumer;

/// <summary>Counts messages being handled, so shutdown can wait for them instead of cutting them off.</summary>
internal sealed class InFlight
{
    private readonly Lock _gate = new();
    private int _count;
    private TaskCompletionSource _drained = NewDrained(completed: true);

    public IDisposable Enter()
    {
        lock (_gate)
        {
            if (_count++ == 0)
            {
                _drained = NewDrained(completed: false);
            }
        }

        return new Exit(this);
    }

    /// <summary>Completes when nothing is in flight, or when <paramref name="cancellationToken"/> says to stop waiting.</summary>
    public async Task DrainedAsync(CancellationToken cancellationToken)
    {
        Task drained;
        lock (_gate)
        {
            drained = _drained.Task;
        }

        await drained.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Leave()
    {
        lock (_gate)
        {
            if (--_count == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewDrained(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }

    private sealed class Exit(InFlight inFlight) : IDisposable
    {
        public void Dispose() => inFlight.Leave();
    }
}
