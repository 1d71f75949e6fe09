using System.Net;
using Commerce.Shipping.Contracts;
using Temporalio.Activities;

namespace Commerce.Workflows.Activities;

public sealed record CreateShipmentInput(Guid OrderId, ShippingAddress Address, IReadOnlyList<ShipmentLine> Lines);

/// <summary>The saga's calls to Shipping, each idempotent on the order id.</summary>
public sealed class ShippingActivities(IShippingApi shipping)
{
    private const string Participant = "Shipping";

    /// <summary>201 created, 200 the same request again; 422 <c>address-undeliverable</c> is <see cref="SagaErrorTypes.AddressUndeliverable"/>.</summary>
    [Activity]
    public async Task CreateShipmentAsync(CreateShipmentInput input)
    {
        const string operation = "create the shipment";
        var answer = await ParticipantCall.SendAsync(
            Participant, operation, input.OrderId, async ct => await shipping.CreateShipmentAsync(input.OrderId, new CreateShipmentRequest(input.Address, input.Lines), ct));
        switch (answer)
        {
            case { Status: HttpStatusCode.Created or HttpStatusCode.OK }:
                return;
            case { Status: HttpStatusCode.UnprocessableEntity, Reason: ShippingRefusalReasons.AddressUndeliverable }:
                throw ParticipantCall.Refused(SagaErrorTypes.AddressUndeliverable, Participant, operation, input.OrderId, answer);
            default:
                throw ParticipantCall.Rejected(Participant, operation, input.OrderId, answer);
        }
    }

    /// <summary>
    /// Compensation. An order with no shipment is a 204 (and a create arriving after it is refused), so cancelling a
    /// shipment that was never created succeeds. 409 <c>already-dispatched</c> cannot be undone by a retry.
    /// </summary>
    [Activity]
    public async Task CancelShipmentAsync(Guid orderId)
    {
        const string operation = "cancel the shipment";
        var answer = await ParticipantCall.SendAsync(Participant, operation, orderId, async ct => await shipping.CancelShipmentAsync(orderId, ct));
        if (answer.Status is not (HttpStatusCode.OK or HttpStatusCode.NoContent))
        {
            throw ParticipantCall.Rejected(Participant, operation, orderId, answer);
        }
    }
}
