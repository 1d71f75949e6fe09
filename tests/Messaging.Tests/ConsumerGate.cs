using Commerce.Messaging.Consumer;

namespace Commerce.Messaging.Tests;

/// <summary>A start gate the test opens, which also tells when the consumer has reached it.</summary>
public sealed class ConsumerGate : IConsumerStartGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the consumer is waiting at the gate.</summary>
    public Task Reached => _reached.Task;

    public void Open() => _open.TrySetResult();

    public Task WaitUntilOpenAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        return _open.Task.WaitAsync(cancellationToken);
    }
}
