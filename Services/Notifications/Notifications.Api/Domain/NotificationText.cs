using System.Globalization;
using Commerce.Notifications.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;

namespace Commerce.Notifications.Api.Domain;

/// <summary>What a notification says: its kind and the sentence the customer reads.</summary>
public sealed record NotificationContent(string Kind, string Text);

/// <summary>
/// The words of each customer-facing notification. Only events a customer would want to hear about get one:
/// authorization and capture are told by "received" and "confirmed", a void or a cancelled shipment by "cancelled"
/// (nothing was charged, nothing left the warehouse); a refund is news of its own, and so is the parcel leaving.
/// </summary>
public static class NotificationText
{
    public static NotificationContent OrderReceived(OrderPlaced order) => new(
        NotificationKinds.OrderReceived,
        $"We received your order {Name(order.Reference, order.OrderId)} ({Items(order.Lines.Sum(line => line.Quantity))}, " +
        $"{Money(order.Total, order.Currency)}). We will let you know when it is confirmed.");

    public static NotificationContent OrderConfirmed(OrderConfirmed order) => new(
        NotificationKinds.OrderConfirmed,
        $"Your order {Name(order.Reference, order.OrderId)} is confirmed and is being prepared for shipping.");

    public static NotificationContent OrderCancelled(OrderCancelled order) => new(
        NotificationKinds.OrderCancelled,
        $"Your order {Name(order.Reference, order.OrderId)} was cancelled. Reason: {order.Reason.Trim()}");

    /// <param name="reference">The order's reference, as Ordering's events told it (null if none did).</param>
    public static NotificationContent OrderShipped(ShipmentDispatched shipment, string? reference) => new(
        NotificationKinds.OrderShipped,
        $"Your order {Name(reference, shipment.OrderId)} is on its way. Tracking number: {shipment.TrackingNumber}.");

    /// <param name="reference">The order's reference, as Ordering's events told it (null if none did).</param>
    public static NotificationContent PaymentRefunded(PaymentRefunded refund, string? reference) => new(
        NotificationKinds.PaymentRefunded,
        $"We refunded {Money(refund.Amount, refund.Currency)} to your card ending in {refund.Last4} for order {Name(reference, refund.OrderId)}.");

    /// <summary>
    /// How an order is named to its customer: its reference (<c>K7M4-Q2XD</c>), which Ordering assigns and shows too.
    /// Events published before Ordering had references carry none; such an order is named by its whole id, which is
    /// as unique, rather than by a part of it that other orders share.
    /// </summary>
    public static string Name(string? reference, Guid orderId) => string.IsNullOrEmpty(reference) ? orderId.ToString() : reference;

    private static string Money(decimal amount, string currency) =>
        $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";

    private static string Items(int count) => count == 1 ? "1 item" : $"{count} items";
}
