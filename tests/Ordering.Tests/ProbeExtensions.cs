using Commerce.Testing;

namespace Commerce.Ordering.Tests;

/// <summary>
/// Tests of one class share a virtual host, and the outbox publishes after the response: another test's event may
/// still be on its way. Each test therefore looks only at the events of its own order.
/// </summary>
internal static class ProbeExtensions
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task<ProbedMessage> NextForAsync(this BrokerProbe probe, Guid orderId, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No event of order {orderId} arrived within {Patience}.");
            }

            var message = await probe.NextAsync(left, cancellationToken);
            if (IsFor(message, orderId))
            {
                return message;
            }
        }
    }

    /// <summary>What arrives for the order within a short while: for asserting that nothing (more) was published.</summary>
    public static async Task<IReadOnlyList<ProbedMessage>> CollectForAsync(this BrokerProbe probe, Guid orderId, CancellationToken cancellationToken) =>
        (await probe.CollectAsync(TimeSpan.FromSeconds(2), cancellationToken)).Where(message => IsFor(message, orderId)).ToList();

    private static bool IsFor(ProbedMessage message, Guid orderId) =>
        message.Json.GetProperty("orderId").GetGuid() == orderId;
}
