using Commerce.Notifications.Api.Domain;
using Commerce.Notifications.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;

namespace Commerce.Notifications.Tests.Domain;

public sealed class NotificationTextTests
{
    private static readonly Guid OrderId = Guid.Parse("3f2a9c1e-0000-4000-8000-000000000001");

    [Fact]
    public void An_order_is_named_by_the_first_eight_hex_digits_of_its_id_in_upper_case() =>
        Assert.Equal("3F2A9C1E", NotificationText.Reference(OrderId));

    [Fact]
    public void A_received_order_counts_items_across_lines_and_shows_the_total_with_two_decimals()
    {
        var placed = SampleEvents.Placed(OrderId, "c-1") with { Lines = [new OrderLine(1, "Tea", 10m, 1)], Total = 10m };

        var content = NotificationText.OrderReceived(placed);

        Assert.Equal(NotificationKinds.OrderReceived, content.Kind);
        Assert.Equal("We received your order 3F2A9C1E (1 item, 10.00 USD). We will let you know when it is confirmed.", content.Text);
    }

    [Fact]
    public void A_cancellation_tells_its_reason_without_surrounding_blanks() =>
        Assert.Equal(
            "Your order 3F2A9C1E was cancelled. Reason: Out of stock.",
            NotificationText.OrderCancelled(new OrderCancelled(OrderId, "c-1", "  Out of stock.  ")).Text);

    [Fact]
    public void A_refund_names_the_amount_and_the_cards_last_four_digits_never_more() =>
        Assert.Equal(
            "We refunded 1234.50 EUR to your card ending in 0005 for order 3F2A9C1E.",
            NotificationText.PaymentRefunded(new PaymentRefunded(OrderId, 1234.5m, "EUR", "0005")).Text);
}
