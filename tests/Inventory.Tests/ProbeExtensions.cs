using Commerce.Testing;

namespace Commerce.Inventory.Tests;

/// <summary>Events about one order, so a test never mistakes another test's late message for its own.</summary>
public static class ProbeExtensions
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    /// <summary>How long to listen when asserting that nothing (more) is published: far longer than a NOTIFY-woken dispatch takes.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    public static async Task<ProbedMessage> NextAboutAsync(this BrokerProbe probe, Guid orderId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await probe.NextAsync(Within, cancellationToken);
            if (IsAbout(message, orderId))
            {
                return message;
            }
        }
    }

    public static async Task<IReadOnlyList<ProbedMessage>> CollectAboutAsync(this BrokerProbe probe, Guid orderId, CancellationToken cancellationToken) =>
        [.. (await probe.CollectAsync(Quiet, cancellationToken)).Where(message => IsAbout(message, orderId))];

    public static bool IsAbout(ProbedMessage message, Guid orderId) =>
        message.Json.TryGetProperty("orderId", out var id) && id.GetGuid() == orderId;
}
