using System.Text.Json.Serialization;

namespace Commerce.Shipping.Contracts;

/// <summary>
/// Where a parcel goes. <see cref="Country"/> is an ISO 3166-1 alpha-2 code in upper case (<c>US</c>, <c>DE</c>);
/// <see cref="Line2"/> is optional (apartment, floor, company).
/// </summary>
public sealed record ShippingAddress(
    string RecipientName,
    string Line1,
    string? Line2,
    string City,
    string PostalCode,
    string Country);

/// <summary>How many of one catalog product a parcel holds.</summary>
public sealed record ShipmentLine(int ProductId, int Quantity);

/// <summary>What it would cost to ship <see cref="Lines"/> to <see cref="Address"/>; nothing is reserved or stored.</summary>
public sealed record QuoteRequest(ShippingAddress Address, IReadOnlyList<ShipmentLine> Lines);

/// <summary>The parcel an order ships as; the order id is in the route.</summary>
public sealed record CreateShipmentRequest(ShippingAddress Address, IReadOnlyList<ShipmentLine> Lines);

/// <summary>The carrier's tariff zone of a destination, as seen from the warehouse in the United States.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShippingZone>))]
public enum ShippingZone
{
    [JsonStringEnumMemberName("domestic")] Domestic,
    [JsonStringEnumMemberName("north-america")] NorthAmerica,
    [JsonStringEnumMemberName("europe")] Europe,
    [JsonStringEnumMemberName("international")] International,
}

/// <summary>A shipping price (<see cref="Currency"/> is ISO 4217) and how many days delivery takes once dispatched.</summary>
public sealed record ShippingQuote(ShippingZone Zone, decimal Price, string Currency, int EstimatedDeliveryDays);

/// <summary>Created → Dispatched (the warehouse handed the parcel to the carrier), or Created → Cancelled. Both ends are final.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShipmentStatus>))]
public enum ShipmentStatus
{
    [JsonStringEnumMemberName("created")] Created,
    [JsonStringEnumMemberName("dispatched")] Dispatched,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>An order's shipment, with the price and delivery estimate quoted when it was created.</summary>
public sealed record ShipmentDto(
    Guid ShipmentId,
    Guid OrderId,
    ShipmentStatus Status,
    string TrackingNumber,
    ShippingAddress Address,
    IReadOnlyList<ShipmentLine> Lines,
    decimal Price,
    string Currency,
    int EstimatedDeliveryDays,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? CancelledAt);
