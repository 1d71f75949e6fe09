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
        $"We received your order {Reference(order.OrderId)} ({Items(order.Lines.Sum(line => line.Quantity))}, " +
        $"{Money(order.Total, order.Currency)}). We will let you know when it is confirmed.");

    public static NotificationContent OrderConfirmed(OrderConfirmed order) => new(
        NotificationKinds.OrderConfirmed,
        $"Your order {Reference(order.OrderId)} is confirmed and is being prepared for shipping.");

    public static NotificationContent OrderCancelled(OrderCancelled order) => new(
        NotificationKinds.OrderCancelled,
        $"Your order {Reference(order.OrderId)} was cancelled. Reason: {order.Reason.Trim()}");

    public static NotificationContent OrderShipped(ShipmentDispatched shipment) => new(
        NotificationKinds.OrderShipped,
        $"Your order {Reference(shipment.OrderId)} is on its way. Tracking number: {shipment.TrackingNumber}.");

    public static NotificationContent PaymentRefunded(PaymentRefunded refund) => new(
        NotificationKinds.PaymentRefunded,
        $"We refunded {Money(refund.Amount, refund.Currency)} to your card ending in {refund.Last4} for order {Reference(refund.OrderId)}.");

    /// <summary>How an order is named to its customer: the first eight hex digits of its id, enough to tell their orders apart.</summary>
    public static string Reference(Guid orderId) => orderId.ToString("N")[..8].ToUpperInvariant();

    private static string Money(decimal amount, string currency) =>
        $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";

    private static string Items(int count) => count == 1 ? "1 item" : $"{count} items";
}
