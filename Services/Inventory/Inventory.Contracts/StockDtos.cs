using System.Text.Json.Serialization;

namespace Commerce.Inventory.Contracts;

/// <summary>
/// A product's stock. <see cref="Available"/> (on hand minus reserved) is what can still be promised to an order;
/// a product Inventory has no stock for reports zeros.
/// </summary>
public sealed record StockLevelDto(int ProductId, int OnHand, int Reserved, int Available);

public sealed record ReservationLine(int ProductId, int Quantity);

/// <summary>The lines of an order to hold stock for: all of them or none.</summary>
public sealed record ReserveStockRequest(IReadOnlyList<ReservationLine> Lines);

/// <summary>A line that could not be reserved: <see cref="Requested"/> units asked for, <see cref="Available"/> there were.</summary>
public sealed record Shortage(int ProductId, int Requested, int Available);

[JsonConverter(typeof(JsonStringEnumConverter<ReservationStatus>))]
public enum ReservationStatus
{
    /// <summary>The units are held for the order.</summary>
    [JsonStringEnumMemberName("reserved")] Reserved,

    /// <summary>Some line was short, so nothing was held; final for this order id.</summary>
    [JsonStringEnumMemberName("refused")] Refused,

    /// <summary>The units went back to stock (or a release came before any reservation, which then can no longer be made).</summary>
    [JsonStringEnumMemberName("released")] Released,

    /// <summary>The order shipped: the units left stock for good.</summary>
    [JsonStringEnumMemberName("committed")] Committed,
}

/// <summary>
/// What Inventory holds for one order. <see cref="Lines"/> are the lines asked for, ordered by product id;
/// <see cref="Shortages"/> is empty unless the reservation was refused.
/// </summary>
public sealed record ReservationDto(
    Guid OrderId,
    ReservationStatus Status,
    IReadOnlyList<ReservationLine> Lines,
    IReadOnlyList<Shortage> Shortages,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// The body of a 409 from Inventory (RFC 9457 ProblemDetails): <see cref="Reason"/> is one of
/// <see cref="InventoryRefusalReasons"/>; <see cref="Shortages"/> lists the short lines of an out-of-stock refusal.
/// </summary>
public sealed record InventoryProblem(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    string? Reason,
    Guid? OrderId,
    IReadOnlyList<Shortage>? Shortages);
