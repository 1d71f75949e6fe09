using Commerce.Inventory.Contracts;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;

namespace Commerce.Ordering.Tests.Domain;

public sealed class OrderProjectionTests
{
    private static readonly Guid OrderId = Guid.NewGuid();
    private const string Reference = "K7M4-Q2XD";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_placed_order_is_pending_with_every_step_pending()
    {
        var view = OrderProjection.Replay([Placed()]);

        Assert.NotNull(view);
        Assert.Equal("customer-1", view.CustomerId);
        Assert.Equal(Reference, view.Order.Reference);
        Assert.Equal(OrderStatus.Pending, view.Order.Status);
        Assert.Equal(new OrderSteps(StepState.Pending, StepState.Pending, StepState.Pending), view.Order.Steps);
        Assert.Equal(29.00m, view.Order.Total);
    }

    [Fact]
    public void Compensations_show_as_compensated_steps_and_the_reason_stays_with_the_cancelled_order()
    {
        var view = OrderProjection.Replay(
        [
            Placed(),
            ParticipantEvents.FactOf(new StockReserved(OrderId, [new(1, 2)]), Start.AddSeconds(1)),
            ParticipantEvents.FactOf(new PaymentAuthorized(OrderId, 29m, "USD", "4242"), Start.AddSeconds(2)),
            ParticipantEvents.FactOf(new PaymentVoided(OrderId, 29m, "USD", "4242"), Start.AddSeconds(3)),
            ParticipantEvents.FactOf(new StockReleased(OrderId, [new(1, 2)]), Start.AddSeconds(4)),
            TimelineFact.OrderCancelled(new OrderCancelled(OrderId, Reference, "customer-1", "Payment declined."), Start.AddSeconds(5)),
        ]);

        Assert.NotNull(view);
        Assert.Equal(OrderStatus.Cancelled, view.Order.Status);
        Assert.Equal("Payment declined.", view.Order.CancellationReason);
        Assert.Equal(new OrderSteps(StepState.Compensated, StepState.Compensated, StepState.Pending), view.Order.Steps);
        Assert.Equal(Start.AddSeconds(5), view.Order.UpdatedAt);
    }

    [Fact]
    public void A_compensation_that_arrives_before_the_step_it_undoes_still_ends_compensated()
    {
        var inOrder = OrderProjection.Replay(
        [
            Placed(),
            ParticipantEvents.FactOf(new ShipmentCreated(OrderId, Guid.Empty, "CM1", Shipping(), [], 3), Start.AddSeconds(1)),
            ParticipantEvents.FactOf(new ShipmentCancelled(OrderId, Guid.Empty), Start.AddSeconds(2)),
        ]);
        var outOfOrder = OrderProjection.Replay(
        [
            Placed(),
            ParticipantEvents.FactOf(new ShipmentCancelled(OrderId, Guid.Empty), Start.AddSeconds(2)),
            ParticipantEvents.FactOf(new ShipmentCreated(OrderId, Guid.Empty, "CM1", Shipping(), [], 3), Start.AddSeconds(1)),
        ]);

        Assert.Equal(StepState.Compensated, inOrder!.Order.Steps.Shipment);
        Assert.Equal(inOrder.Order.Steps, outOfOrder!.Order.Steps);
        Assert.Equal(inOrder.Order.UpdatedAt, outOfOrder.Order.UpdatedAt);
    }

    [Fact]
    public void Facts_about_an_order_that_was_never_placed_make_no_view()
    {
        Assert.Null(OrderProjection.Replay([ParticipantEvents.FactOf(new StockReserved(OrderId, [new(1, 2)]), Start)]));
    }

    private static TimelineFact Placed() => TimelineFact.OrderPlaced(
        new OrderPlaced(OrderId, Reference, "customer-1", [new OrderLine(1, "Classic Espresso Beans", 14.50m, 2)], "USD", 29.00m, Orders.Address, Orders.PaymentToken, Start),
        Start);

    private static ShippingAddress Shipping() => new("Ada", "1 Row", null, "London", "SW1A 1AA", "GB");
}
