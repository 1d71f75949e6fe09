using System.Text.Json.Serialization;

namespace Commerce.Ordering.Contracts;

/// <summary>A product and how many of it; the price and name are Catalog's at placement, never the client's.</summary>
public sealed record PlaceOrderLine(int ProductId, int Quantity);

/// <summary>
/// What a customer orders. The customer is the <c>X-Customer-Id</c> header set by the calling BFF; <see cref="PaymentToken"/>
/// is a Payments card token (<c>tok_</c> and 32 lowercase hexadecimal digits), never a card number.
/// </summary>
public sealed record PlaceOrderRequest(IReadOnlyList<PlaceOrderLine> Lines, OrderAddress ShippingAddress, string PaymentToken);

/// <summary>Why the saga cancels an order, in words for the customer.</summary>
public sealed record CancelOrderRequest(string Reason);

/// <summary>Why the customer wants the order cancelled; optional.</summary>
public sealed record RequestCancellationRequest(string? Reason);

/// <summary>
/// Pending (placed, the saga is working) → Confirmed, or → Cancelled; Pending → CancellationRequested (the customer
/// asked; the saga decides) → Cancelled, or → Confirmed when it was too late to stop. Confirmed and Cancelled are final.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("cancellation-requested")] CancellationRequested,
    [JsonStringEnumMemberName("confirmed")] Confirmed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>Where one saga step stands: not yet taken, taken (reserved, authorized or captured, created or dispatched), or undone.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepState>))]
public enum StepState
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("done")] Done,
    [JsonStringEnumMemberName("compensated")] Compensated,
}

/// <summary>The saga's progress as the participants reported it: stock (Inventory), payment (Payments), shipment (Shipping).</summary>
public sealed record OrderSteps(StepState Stock, StepState Payment, StepState Shipment);

/// <summary>
/// An order as its customer sees it (the read model). <see cref="Reference"/> is the short name the customer knows it
/// by (<c>K7M4-Q2XD</c>), unique and the same wherever it is shown; <see cref="UpdatedAt"/> is when the latest fact
/// about it happened; <see cref="CancellationReason"/> is set once it is cancelled.
/// </summary>
public sealed record OrderDto(
    Guid OrderId,
    string Reference,
    OrderStatus Status,
    IReadOnlyList<OrderLine> Lines,
    string Currency,
    decimal Total,
    OrderAddress ShippingAddress,
    OrderSteps Steps,
    string? CancellationReason,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// One fact of an order's history, never changed once written. <see cref="Kind"/> is the name of the event that
/// reported it (<c>ordering.order-placed</c>, <c>inventory.stock-reserved</c>, <c>payments.payment-voided</c>…).
/// </summary>
public sealed record TimelineEntryDto(string Kind, string Description, DateTimeOffset OccurredAt);

/// <summary>An order with its whole timeline, oldest fact first.</summary>
public sealed record OrderDetailsDto(OrderDto Order, IReadOnlyList<TimelineEntryDto> Timeline);

/// <summary>One page of a customer's orders, newest first. Pass <see cref="NextCursor"/> back for the next page; null on the last.</summary>
public sealed record OrderPage(IReadOnlyList<OrderDto> Items, string? NextCursor);

/// <summary>How many order views a rebuild wrote.</summary>
public sealed record ViewRebuildResult(int Orders);
