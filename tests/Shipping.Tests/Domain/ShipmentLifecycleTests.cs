using Commerce.Shipping.Api.Domain;
using Commerce.Shipping.Contracts;

namespace Commerce.Shipping.Tests.Domain;

public sealed class ShipmentLifecycleTests
{
    [Theory]
    [InlineData(ShipmentStatus.Created, Transition.Apply)]
    [InlineData(ShipmentStatus.Cancelled, Transition.AlreadyDone)]
    [InlineData(ShipmentStatus.Dispatched, Transition.Refuse)]
    public void A_shipment_can_be_cancelled_until_it_is_dispatched(ShipmentStatus status, Transition expected)
    {
        Assert.Equal(expected, ShipmentLifecycle.Cancel(status));
    }

    [Theory]
    [InlineData(ShipmentStatus.Created, Transition.Apply)]
    [InlineData(ShipmentStatus.Dispatched, Transition.AlreadyDone)]
    [InlineData(ShipmentStatus.Cancelled, Transition.Refuse)]
    public void A_cancelled_shipment_is_never_dispatched(ShipmentStatus status, Transition expected)
    {
        Assert.Equal(expected, ShipmentLifecycle.Dispatch(status));
    }

    [Fact]
    public void The_same_lines_in_another_order_ask_for_the_same_shipment()
    {
        var existing = Shipment(Parcels.Domestic, [new(1, 2), new(2, 3)]);

        Assert.True(ShipmentLifecycle.IsSameShipment(existing, new CreateShipmentRequest(Parcels.Domestic, [new(2, 3), new(1, 2)])));
    }

    [Fact]
    public void Another_quantity_another_product_or_another_address_is_a_different_shipment()
    {
        var existing = Shipment(Parcels.Domestic, [new(1, 2), new(2, 3)]);

        Assert.False(ShipmentLifecycle.IsSameShipment(existing, new CreateShipmentRequest(Parcels.Domestic, [new(1, 2), new(2, 4)])));
        Assert.False(ShipmentLifecycle.IsSameShipment(existing, new CreateShipmentRequest(Parcels.Domestic, [new(1, 2)])));
        Assert.False(ShipmentLifecycle.IsSameShipment(existing, new CreateShipmentRequest(Parcels.Domestic, [new(1, 2), new(3, 3)])));
        Assert.False(ShipmentLifecycle.IsSameShipment(existing, new CreateShipmentRequest(Parcels.Domestic with { Line2 = null }, [new(1, 2), new(2, 3)])));
    }

    private static ShipmentDto Shipment(ShippingAddress address, IReadOnlyList<ShipmentLine> lines) => new(
        Guid.NewGuid(), Guid.NewGuid(), ShipmentStatus.Created, "CM0000000000000000", address, lines, 4.99m, "USD", 3,
        DateTimeOffset.UnixEpoch, DispatchedAt: null, CancelledAt: null);
}
