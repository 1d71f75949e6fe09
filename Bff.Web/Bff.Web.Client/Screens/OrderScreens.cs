namespace Commerce.Bff.Web.Client.Screens;

/// <summary>Where an order stands, as Ordering names it.</summary>
public static class OrderStatuses
{
    public const string Pending = "pending";
    public const string CancellationRequested = "cancellation-requested";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";
}

/// <summary>An order in the customer's list.</summary>
public sealed record OrderSummary(
    Guid OrderId,
    string Reference,
    string Status,
    int ItemCount,
    decimal Total,
    string Currency,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// <c>GET /api/orders</c>: the customer's orders, newest first (pass <see cref="NextCursor"/> back as <c>cursor</c>), and
/// their latest notifications, asked for in parallel; <see cref="Degraded"/> names <c>notifications</c> when those fell back (empty).
/// </summary>
public sealed record OrdersScreen(
    IReadOnlyList<OrderSummary> Orders,
    string? NextCursor,
    IReadOnlyList<NotificationItem> Notifications,
    IReadOnlyList<string> Degraded);

public sealed record OrderLineView(int ProductId, string Name, decimal UnitPrice, int Quantity, decimal LineTotal);

/// <summary>Each part of the saga: <c>pending</c>, <c>done</c> or <c>compensated</c> (undone).</summary>
public sealed record OrderProgress(string Stock, string Payment, string Shipment);

/// <summary>
/// One fact of the order's history, oldest first. <see cref="IsCompensation"/> marks a step being undone (stock
/// released, payment voided or refunded, shipment cancelled), which the timeline shows as such.
/// </summary>
public sealed record TimelineItem(string Kind, string Description, bool IsCompensation, DateTimeOffset OccurredAt);

/// <summary>
/// <c>GET /api/orders/{id}</c> (404 for an order that is not the customer's), and each event of
/// <c>GET /api/orders/{id}/live</c> (server-sent events named <c>order</c>, one per change). <see cref="CanCancel"/>:
/// the customer may still ask to cancel (<c>POST /api/orders/{id}/cancellation</c>).
/// </summary>
public sealed record OrderScreen(
    Guid OrderId,
    string Reference,
    string Status,
    IReadOnlyList<OrderLineView> Lines,
    decimal Total,
    string Currency,
    DeliveryAddress ShippingAddress,
    OrderProgress Progress,
    string? CancellationReason,
    bool CanCancel,
    DateTimeOffset PlacedAt,
    IReadOnlyList<TimelineItem> Timeline);

/// <summary><c>POST /api/orders/{id}/cancellation</c>: why, optionally.</summary>
public sealed record CancelOrderRequest(string? Reason);

/// <summary>A message to the customer about one of their orders.</summary>
public sealed record NotificationItem(Guid Id, Guid OrderId, string Kind, string Text, DateTimeOffset OccurredAt);

/// <summary><c>GET /api/notifications</c>, newest first; <see cref="Degraded"/> names <c>notifications</c> when Notifications did not answer (empty list).</summary>
public sealed record NotificationsScreen(IReadOnlyList<NotificationItem> Items, string? NextCursor, IReadOnlyList<string> Degraded);
