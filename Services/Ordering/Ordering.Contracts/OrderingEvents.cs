namespace Commerce.Ordering.Contracts;

/// <summary>Where an order goes. Ordering's own shape: contracts of different services do not share types.</summary>
public sealed record OrderAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

/// <summary>One line as placed: the product's name and unit price are Catalog's at the moment of placement.</summary>
public sealed record OrderLine(int ProductId, string ProductName, decimal UnitPrice, int Quantity);

/// <summary>
/// A customer placed an order. Carries everything the order saga needs (lines with prices, totals, address, payment
/// token — a token, never a card number), so the saga never reads Ordering's tables, and the order's
/// <see cref="Reference"/>, the short name its customer knows it by (<c>K7M4-Q2XD</c>), for whoever tells them about it.
/// </summary>
public sealed record OrderPlaced(
    Guid OrderId,
    string Reference,
    string CustomerId,
    IReadOnlyList<OrderLine> Lines,
    string Currency,
    decimal Total,
    OrderAddress ShippingAddress,
    string PaymentToken,
    DateTimeOffset PlacedAt);

/// <summary>The customer asked to cancel; the saga decides whether it still can (only before the shipment is created).</summary>
public sealed record OrderCancellationRequested(Guid OrderId, string CustomerId, string Reason);

/// <summary>The saga finished: stock committed, payment captured, shipment created. <see cref="Reference"/> as in <see cref="OrderPlaced"/>.</summary>
public sealed record OrderConfirmed(Guid OrderId, string Reference, string CustomerId);

/// <summary>
/// The order will not be fulfilled; every completed step has been undone. <see cref="Reason"/> is for the customer;
/// <see cref="Reference"/> as in <see cref="OrderPlaced"/>.
/// </summary>
public sealed record OrderCancelled(Guid OrderId, string Reference, string CustomerId, string Reason);
