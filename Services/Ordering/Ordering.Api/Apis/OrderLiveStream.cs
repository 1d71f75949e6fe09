using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Commerce.Ordering.Api.Data;
using Commerce.Ordering.Contracts;

namespace Commerce.Ordering.Api.Apis;

/// <summary>
/// The events of one live order stream: the order as it is, then the order again after each change to its timeline,
/// each with the number of timeline entries as its id (what a reconnecting EventSource sends back in Last-Event-ID).
/// Between events, a comment line every heartbeat interval; the stream ends after the maximum lifetime.
/// </summary>
internal sealed class OrderLiveStream(
    OrderChangeSubscription changes,
    Func<CancellationToken, Task<OrderDetailsDto?>> readOrder,
    HttpResponse response,
    OrderLiveOptions options,
    TimeProvider timeProvider,
    CancellationToken applicationStopping)
{
    public const string EventType = "order";

    private static readonly ReadOnlyMemory<byte> Heartbeat = Encoding.UTF8.GetBytes(": heartbeat\n\n");

    /// <param name="current">The order as read after subscribing to its changes, so no change can fall in between.</param>
    /// <param name="lastEventId">What the client saw last; the current order is not sent again when it is that.</param>
    public async IAsyncEnumerable<SseItem<OrderDetailsDto>> EventsAsync(
        OrderDetailsDto current, int? lastEventId, [EnumeratorCancellation] CancellationToken requestAborted)
    {
        using var subscription = changes;
        using var lifetime = new CancellationTokenSource(options.MaxLifetime, timeProvider);
        // A stopping service ends its streams at once rather than holding shutdown up; the clients reconnect elsewhere.
        using var endOfStream = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token, requestAborted, applicationStopping);

        // The headers go out now, not with the first event: a client that is up to date must know its stream is open
        // (a flush sends them; StartAsync alone only fixes them).
        await response.Body.FlushAsync(requestAborted);
        var sent = lastEventId;
        if (current.Timeline.Count != sent)
        {
            sent = current.Timeline.Count;
            yield return Event(current);
        }

        while (await NextWakeAsync(endOfStream.Token) is var wake and not Wake.End)
        {
            if (wake == Wake.Heartbeat)
            {
                // SseItem has no comment form; SseFormatter writes each event to the body as it is yielded, so between
                // two events the body is ours to write a comment to.
                await response.Body.WriteAsync(Heartbeat, requestAborted);
                continue;
            }

            if (await readOrder(requestAborted) is not { } order)
            {
                yield break;
            }

            if (order.Timeline.Count != sent)
            {
                sent = order.Timeline.Count;
                yield return Event(order);
            }
        }
    }

    private static SseItem<OrderDetailsDto> Event(OrderDetailsDto order) =>
        new(order, EventType) { EventId = order.Timeline.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private async Task<Wake> NextWakeAsync(CancellationToken endOfStream)
    {
        try
        {
            return await changes.WaitAsync(options.HeartbeatInterval, timeProvider, endOfStream) ? Wake.Changed : Wake.Heartbeat;
        }
        catch (OperationCanceledException) when (endOfStream.IsCancellationRequested)
        {
            return Wake.End;
        }
    }

    private enum Wake
    {
        Changed,
        Heartbeat,
        End,
    }
}
