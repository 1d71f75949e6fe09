using System.Collections.Concurrent;
using System.Diagnostics;
using Commerce.Bench.Contracts;
using Commerce.Messaging.Consumer;

namespace Commerce.Bench.Outbox;

/// <summary>When each awaited <see cref="OutboxLatencySampled"/> reached its handler, as a Stopwatch timestamp.</summary>
internal sealed class HandledSignals
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> _awaited = new();

    public Task<long> Expect(int sequence) =>
        _awaited.GetOrAdd(sequence, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Handled(int sequence, long timestamp)
    {
        if (_awaited.TryRemove(sequence, out var handled))
        {
            handled.TrySetResult(timestamp);
        }
    }
}

/// <summary>The consumer's handler: stamps the time it was handed the event, in the consumer's transaction.</summary>
internal sealed class LatencySampledHandler(HandledSignals signals) : IIntegrationEventHandler<OutboxLatencySampled>
{
    public Task HandleAsync(OutboxLatencySampled integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        signals.Handled(integrationEvent.Sequence, Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }
}
