using System.Text.Json.Serialization;

namespace Commerce.Bff.Mobile.Client;

/// <summary>Where an order stands.</summary>
public static class OrderStates
{
    public const string Pending = "pending";
    public const string CancellationRequested = "cancellation-requested";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";
}

/// <summary>One row of "my orders".</summary>
public sealed record OrderRow(Guid Id, string Reference, string Status, int Items, decimal Total, string Currency, DateTimeOffset PlacedAt);

/// <summary><c>GET /api/orders</c>: the customer's orders, newest first; pass <see cref="Next"/> back as <c>cursor</c>.</summary>
public sealed record OrdersScreen(IReadOnlyList<OrderRow> Items, string? Next);

public sealed record OrderLine(string Name, int Quantity, decimal Total);

/// <summary>Each part of the saga: <c>pending</c>, <c>done</c> or <c>compensated</c> (undone).</summary>
public sealed record OrderSteps(string Stock, string Payment, string Shipment);

/// <summary>One fact of the order's history, oldest first; <see cref="Undo"/> marks a compensation (present only when true).</summary>
public sealed record TimelineEntry(
    string Text,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Undo = false);

/// <summary>
/// <c>GET /api/orders/{id}</c> (404 for an order that is not the customer's). <see cref="Reason"/> is why it was
/// cancelled; <see cref="CanCancel"/>: the customer may still ask to cancel (<c>POST /api/orders/{id}/cancellation</c>).
/// </summary>
public sealed record OrderScreen(
    Guid Id,
    string Reference,
    string Status,
    decimal Total,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    OrderSteps Steps,
    string? Reason,
    bool CanCancel,
    DateTimeOffset PlacedAt,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary><c>POST /api/orders/{id}/cancellation</c>: why, optionally.</summary>
public sealed record CancelOrderRequest(string? Reason);
