using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;

namespace Commerce.Notifications.Tests;

/// <summary>Events as the other services publish them, for fresh orders and customers.</summary>
internal static class SampleEvents
{
    public static string NewCustomer() => $"customer-{Guid.NewGuid():N}";

    /// <summary>
    /// A reference for the order, as Ordering would assign one: well-formed, and different for different orders (its
    /// characters come from the random part of the test's order id).
    /// </summary>
    public static string ReferenceOf(Guid orderId)
    {
        var hex = orderId.ToString("N").ToUpperInvariant();
        return $"{hex[24..28]}-{hex[28..]}";
    }

    /// <summary>Two chai at 12.50 and a mug at 9.99: 3 items, 34.99 USD.</summary>
    public static OrderPlaced Placed(Guid orderId, string customerId) => new(
        orderId,
        ReferenceOf(orderId),
        customerId,
        [new OrderLine(1, "Classic Chai Blend", 12.50m, 2), new OrderLine(7, "Stoneware Mug", 9.99m, 1)],
        "USD",
        34.99m,
        new OrderAddress("Ada Lovelace", "12 Main St", null, "Springfield", "94105", "US"),
        "tok_4242",
        DateTimeOffset.UtcNow);

    public static OrderConfirmed Confirmed(Guid orderId, string customerId) => new(orderId, ReferenceOf(orderId), customerId);

    public static OrderCancelled Cancelled(Guid orderId, string customerId, string reason) => new(orderId, ReferenceOf(orderId), customerId, reason);

    public static ShipmentDispatched Dispatched(Guid orderId) => new(orderId, Guid.NewGuid(), "1Z999AA10123456784");

    public static PaymentRefunded Refunded(Guid orderId) => new(orderId, 34.99m, "USD", "4242");
}
