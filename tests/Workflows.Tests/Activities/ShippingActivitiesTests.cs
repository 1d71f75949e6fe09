using Commerce.Shipping.Contracts;
using Commerce.Workflows.Activities;

namespace Commerce.Workflows.Tests.Activities;

public sealed class ShippingActivitiesTests(Participants participants) : IDisposable
{
    private static readonly ShipmentLine[] Lines = [new(7, 2)];

    private readonly WorkerServices _worker = new(participants.CreateWorkerServices());

    private ShippingActivities Activities => _worker.Get<ShippingActivities>();

    [Fact]
    public async Task Creating_a_shipment_succeeds_and_creating_it_again_too()
    {
        var input = new CreateShipmentInput(Guid.NewGuid(), Addresses.Deliverable, Lines);

        await ActivityRun.SucceedsAsync(() => Activities.CreateShipmentAsync(input));
        await ActivityRun.SucceedsAsync(() => Activities.CreateShipmentAsync(input));

        Assert.Equal(ShipmentStatus.Created, (await ShipmentOf(input.OrderId)).Status);
    }

    [Fact]
    public async Task An_undeliverable_address_is_the_non_retryable_AddressUndeliverable_refusal()
    {
        var input = new CreateShipmentInput(Guid.NewGuid(), Addresses.Undeliverable, Lines);

        var failure = await ActivityRun.IsRefusedAsync(SagaErrorTypes.AddressUndeliverable, () => Activities.CreateShipmentAsync(input));

        Assert.Contains(ShippingRefusalReasons.AddressUndeliverable, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_shipment_that_was_never_created_succeeds_and_a_late_create_is_rejected()
    {
        var input = new CreateShipmentInput(Guid.NewGuid(), Addresses.Deliverable, Lines);

        await ActivityRun.SucceedsAsync(() => Activities.CancelShipmentAsync(input.OrderId));

        var failure = await ActivityRun.IsRefusedAsync(SagaErrorTypes.ParticipantRejected, () => Activities.CreateShipmentAsync(input));
        Assert.Contains(ShippingRefusalReasons.ShipmentCancelled, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_created_shipment_succeeds_and_cancelling_again_too()
    {
        var input = new CreateShipmentInput(Guid.NewGuid(), Addresses.Deliverable, Lines);
        await ActivityRun.SucceedsAsync(() => Activities.CreateShipmentAsync(input));

        await ActivityRun.SucceedsAsync(() => Activities.CancelShipmentAsync(input.OrderId));
        await ActivityRun.SucceedsAsync(() => Activities.CancelShipmentAsync(input.OrderId));

        Assert.Equal(ShipmentStatus.Cancelled, (await ShipmentOf(input.OrderId)).Status);
    }

    [Fact]
    public async Task Cancelling_a_dispatched_shipment_is_rejected_without_retry()
    {
        var input = new CreateShipmentInput(Guid.NewGuid(), Addresses.Deliverable, Lines);
        await ActivityRun.SucceedsAsync(() => Activities.CreateShipmentAsync(input));
        await participants.ShippingClient().DispatchShipmentAsync(input.OrderId, TestContext.Current.CancellationToken);

        var failure = await ActivityRun.IsRefusedAsync(SagaErrorTypes.ParticipantRejected, () => Activities.CancelShipmentAsync(input.OrderId));

        Assert.Contains(ShippingRefusalReasons.AlreadyDispatched, failure.Message, StringComparison.Ordinal);
    }

    private async Task<ShipmentDto> ShipmentOf(Guid orderId)
    {
        var response = await participants.ShippingClient().GetShipmentAsync(orderId, TestContext.Current.CancellationToken);
        return response.Content ?? throw new InvalidOperationException($"No shipment for order {orderId}: {response.StatusCode}");
    }

    public void Dispose() => _worker.Dispose();
}
