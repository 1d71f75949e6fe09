using Commerce.Notifications.Api.Domain;
using Commerce.Notifications.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;

namespace Commerce.Notifications.Tests.Domain;

public sealed class NotificationTextTests
{
    private static readonly Guid OrderId = Guid.Parse("3f2a9c1e-0000-4000-8000-000000000001");
    private const string Reference = "K7M4-Q2XD";

    [Fact]
    public void An_order_is_named_by_its_reference() =>
        Assert.Equal(Reference, NotificationText.Name(Reference, OrderId));

    [Fact]
    public void An_order_whose_events_carried_no_reference_is_named_by_its_whole_id_not_by_digits_other_orders_share() =>
        Assert.Equal("3f2a9c1e-0000-4000-8000-000000000001", NotificationText.Name(null, OrderId));

    [Fact]
    public void A_received_order_counts_items_across_lines_and_shows_the_total_with_two_decimals()
    {
        var placed = SampleEvents.Placed(OrderId, "c-1") with { Reference = Reference, Lines = [new OrderLine(1, "Tea", 10m, 1)], Total = 10m };

        var content = NotificationText.OrderReceived(placed);

        Assert.Equal(NotificationKinds.OrderReceived, content.Kind);
        Assert.Equal("We received your order K7M4-Q2XD (1 item, 10.00 USD). We will let you know when it is confirmed.", content.Text);
    }

    [Fact]
    public void A_cancellation_tells_its_reason_without_surrounding_blanks() =>
        Assert.Equal(
            "Your order K7M4-Q2XD was cancelled. Reason: Out of stock.",
            NotificationText.OrderCancelled(new OrderCancelled(OrderId, Reference, "c-1", "  Out of stock.  ")).Text);

    [Fact]
    public void A_refund_names_the_amount_and_the_cards_last_four_digits_never_more() =>
        Assert.Equal(
            "We refunded 1234.50 EUR to your card ending in 0005 for order K7M4-Q2XD.",
            NotificationText.PaymentRefunded(new PaymentRefunded(OrderId, 1234.5m, "EUR", "0005"), Reference).Text);
}
