using System.Net;
using Commerce.Ordering.Contracts;
using Temporalio.Activities;

namespace Commerce.Workflows.Activities;

public sealed record CancelOrderInput(Guid OrderId, string Reason);

/// <summary>The saga's last word to Ordering: confirmed, or cancelled with the reason the customer sees. Both idempotent.</summary>
public sealed class OrderingActivities(IOrderingApi ordering)
{
    private const string Participant = "Ordering";

    [Activity]
    public async Task ConfirmOrderAsync(Guid orderId)
    {
        const string operation = "confirm the order";
        var answer = await ParticipantCall.SendAsync(Participant, operation, orderId, async ct => await ordering.ConfirmOrderAsync(orderId, ct));
        if (answer.Status != HttpStatusCode.OK)
        {
            // 404 (no such order) or 409 order-cancelled: only the saga cancels, so either is a fault to look into.
            throw ParticipantCall.Rejected(Participant, operation, orderId, answer);
        }
    }

    [Activity]
    public async Task CancelOrderAsync(CancelOrderInput input)
    {
        const string operation = "cancel the order";
        var answer = await ParticipantCall.SendAsync(
            Participant, operation, input.OrderId, async ct => await ordering.CancelOrderAsync(input.OrderId, new CancelOrderRequest(input.Reason), ct));
        if (answer.Status != HttpStatusCode.OK)
        {
            throw ParticipantCall.Rejected(Participant, operation, input.OrderId, answer);
        }
    }
}
