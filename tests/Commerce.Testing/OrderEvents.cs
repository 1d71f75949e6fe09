namespace Commerce.Testing;

/// <summary>
/// The events about one order. The tests of a class share a virtual host, and an outbox publishes after the response:
/// another test's event may still be on its way, so each test looks only at the events of its own order.
/// </summary>
public static class OrderEvents
{
    /// <summary>How long an event may take to arrive.</summary>
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    /// <summary>The next event about <paramref name="orderId"/>, skipping those about other orders.</summary>
    public static async Task<ProbedMessage> NextForAsync(this BrokerProbe probe, Guid orderId, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + Within;
        while (true)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No event about order {orderId} arrived within {Within}.");
            }

            var message = await probe.NextAsync(left, cancellationToken).ConfigureAwait(false);
            if (IsFor(message, orderId))
            {
                return message;
            }
        }
    }

    /// <summary>Every event about <paramref name="orderId"/> published before the service's outbox was drained (<see cref="BrokerProbe.CollectUntilDrainedAsync"/>).</summary>
    public static async Task<IReadOnlyList<ProbedMessage>> CollectForAsync(
        this BrokerProbe probe, Guid orderId, string outboxDatabase, CancellationToken cancellationToken = default) =>
        [.. (await probe.CollectUntilDrainedAsync(outboxDatabase, cancellationToken).ConfigureAwait(false)).Where(message => IsFor(message, orderId))];

    public static bool IsFor(ProbedMessage message, Guid orderId) =>
        message.Json.TryGetProperty("orderId", out var id) && id.GetGuid() == orderId;
}
