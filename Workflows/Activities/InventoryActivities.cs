using System.Net;
using Commerce.Inventory.Contracts;
using Temporalio.Activities;

namespace Commerce.Workflows.Activities;

public sealed record ReserveStockInput(Guid OrderId, IReadOnlyList<ReservationLine> Lines);

/// <summary>The saga's calls to Inventory, each idempotent on the order id.</summary>
public sealed class InventoryActivities(IInventoryApi inventory)
{
    private const string Participant = "Inventory";

    /// <summary>Holds every line or none; 409 <c>out-of-stock</c> is the <see cref="SagaErrorTypes.OutOfStock"/> refusal.</summary>
    [Activity]
    public async Task ReserveStockAsync(ReserveStockInput input)
    {
        const string operation = "reserve stock";
        var answer = await ParticipantCall.SendAsync(
            Participant, operation, input.OrderId, async ct => await inventory.ReserveAsync(input.OrderId, new ReserveStockRequest(input.Lines), ct));
        switch (answer)
        {
            case { Status: HttpStatusCode.OK }:
                return;
            case { Status: HttpStatusCode.Conflict, Reason: InventoryRefusalReasons.OutOfStock }:
                throw ParticipantCall.Refused(SagaErrorTypes.OutOfStock, Participant, operation, input.OrderId, answer);
            default:
                throw ParticipantCall.Rejected(Participant, operation, input.OrderId, answer);
        }
    }

    /// <summary>
    /// Compensation. Inventory answers 200 for an unknown or already released reservation, so releasing stock that was
    /// never reserved succeeds (and stops a late reservation from being made).
    /// </summary>
    [Activity]
    public async Task ReleaseStockAsync(Guid orderId)
    {
        const string operation = "release stock";
        var answer = await ParticipantCall.SendAsync(Participant, operation, orderId, async ct => await inventory.ReleaseAsync(orderId, ct));
        if (answer.Status != HttpStatusCode.OK)
        {
            // 409 reservation-committed: the goods left with the shipment; only an operator can undo that.
            throw ParticipantCall.Rejected(Participant, operation, orderId, answer);
        }
    }

    /// <summary>On shipment: the held units leave stock for good. Committing again succeeds.</summary>
    [Activity]
    public async Task CommitStockAsync(Guid orderId)
    {
        const string operation = "commit stock";
        var answer = await ParticipantCall.SendAsync(Participant, operation, orderId, async ct => await inventory.CommitAsync(orderId, ct));
        if (answer.Status != HttpStatusCode.OK)
        {
            throw ParticipantCall.Rejected(Participant, operation, orderId, answer);
        }
    }
}
