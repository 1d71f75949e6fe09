using Commerce.Inventory.Contracts;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;

namespace Commerce.Ordering.Tests.Domain;

public sealed class TimelineFactTests
{
    private static readonly OrderAddress Address = new("Ada Lovelace", "12 Analytical Row", null, "Springfield", "94105", "US");

    [Theory]
    [InlineData(1, "Order placed: 1 item, 19.99 USD.")]
    [InlineData(3, "Order placed: 3 items, 59.97 USD.")]
    public void The_customer_reads_how_many_items_were_ordered_in_good_English(int quantity, string expected)
    {
        var placed = new OrderPlaced(
            Guid.NewGuid(), "K7M4-Q2XD", "customer-1", [new OrderLine(1, "Espresso Beans", 19.99m, quantity)],
            "USD", 19.99m * quantity, Address, "tok_" + new string('a', 32), DateTimeOffset.UtcNow);

        Assert.Equal(expected, TimelineFact.OrderPlaced(placed, DateTimeOffset.UtcNow).Description);
    }

    [Theory]
    [InlineData(1, "Stock reserved: 1 item held for the order.")]
    [InlineData(2, "Stock reserved: 2 items held for the order.")]
    public void A_reservation_is_told_with_the_number_of_items_held(int quantity, string expected)
    {
        var reserved = new StockReserved(Guid.NewGuid(), [new ReservationLine(1, quantity)]);

        Assert.Equal(expected, ParticipantEvents.FactOf(reserved, DateTimeOffset.UtcNow).Description);
    }
}
