using Commerce.Messaging.Consumer;

namespace Commerce.Workflows.Temporal;

/// <summary>
/// "Temporal is connected and knows the saga's search attributes", opened once by <see cref="TemporalConnector"/>. The
/// worker (<see cref="SagaWorkerService"/>) and the bridge's consumer wait for it, so neither polls nor takes a message
/// while there is no Temporal to hand work to.
/// </summary>
public sealed class TemporalReadiness : IConsumerStartGate
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    Task IConsumerStartGate.WaitUntilOpenAsync(CancellationToken cancellationToken) => WaitAsync(cancellationToken);

    internal void Open() => _ready.TrySetResult();
}
