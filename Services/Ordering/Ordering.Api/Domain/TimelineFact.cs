using System.Globalization;
using System.Text.Json;
using Commerce.Inventory.Contracts;
using Commerce.Messaging;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;

namespace Commerce.Ordering.Api.Domain;

/// <summary>
/// One fact of an order's history: <see cref="Kind"/> is the name of the event that reported it, <see cref="Data"/>
/// its payload (JSON), from which the order view is rebuilt; <see cref="Description"/> is for the customer.
/// </summary>
public sealed record TimelineFact(Guid OrderId, string Kind, string Description, string Data, DateTimeOffset OccurredAt)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TEvent Payload<TEvent>() => JsonSerializer.Deserialize<TEvent>(Data, Json)
        ?? throw new JsonException($"The {Kind} fact of order {OrderId} has no payload.");

    public static TimelineFact OrderPlaced(OrderPlaced placed, DateTimeOffset at) => Of(placed.OrderId, placed,
        $"Order placed: {placed.Lines.Sum(line => line.Quantity)} items, {Money(placed.Total, placed.Currency)}.", at);

    public static TimelineFact CancellationRequested(OrderCancellationRequested requested, DateTimeOffset at) =>
        Of(requested.OrderId, requested, $"Cancellation requested: {requested.Reason}", at);

    public static TimelineFact OrderConfirmed(OrderConfirmed confirmed, DateTimeOffset at) => Of(confirmed.OrderId, confirmed, "Order confirmed.", at);

    public static TimelineFact OrderCancelled(OrderCancelled cancelled, DateTimeOffset at) =>
        Of(cancelled.OrderId, cancelled, $"Order cancelled: {cancelled.Reason}", at);

    public static TimelineFact StockReserved(StockReserved reserved, DateTimeOffset at) =>
        Of(reserved.OrderId, reserved, $"Stock reserved: {reserved.Lines.Sum(line => line.Quantity)} items held for the order.", at);

    public static TimelineFact StockReleased(StockReleased released, DateTimeOffset at) =>
        Of(released.OrderId, released, "Reserved stock released.", at);

    public static TimelineFact StockCommitted(StockCommitted committed, DateTimeOffset at) =>
        Of(committed.OrderId, committed, "Stock committed: the items left the warehouse's stock.", at);

    public static TimelineFact PaymentAuthorized(PaymentAuthorized payment, DateTimeOffset at) =>
        Of(payment.OrderId, payment, $"Payment of {Money(payment.Amount, payment.Currency)} authorized on the card ending {payment.Last4}.", at);

    public static TimelineFact PaymentCaptured(PaymentCaptured payment, DateTimeOffset at) =>
        Of(payment.OrderId, payment, $"Payment of {Money(payment.Amount, payment.Currency)} captured.", at);

    public static TimelineFact PaymentVoided(PaymentVoided payment, DateTimeOffset at) =>
        Of(payment.OrderId, payment, $"Payment authorization of {Money(payment.Amount, payment.Currency)} voided: nothing was charged.", at);

    public static TimelineFact PaymentRefunded(PaymentRefunded payment, DateTimeOffset at) =>
        Of(payment.OrderId, payment, $"Payment of {Money(payment.Amount, payment.Currency)} refunded.", at);

    public static TimelineFact ShipmentCreated(ShipmentCreated shipment, DateTimeOffset at) =>
        Of(shipment.OrderId, shipment, $"Shipment created with tracking number {shipment.TrackingNumber}.", at);

    public static TimelineFact ShipmentCancelled(ShipmentCancelled shipment, DateTimeOffset at) =>
        Of(shipment.OrderId, shipment, "Shipment cancelled.", at);

    public static TimelineFact ShipmentDispatched(ShipmentDispatched shipment, DateTimeOffset at) =>
        Of(shipment.OrderId, shipment, $"Parcel handed to the carrier, tracking number {shipment.TrackingNumber}.", at);

    private static TimelineFact Of<TEvent>(Guid orderId, TEvent payload, string description, DateTimeOffset at) =>
        new(orderId, IntegrationEventNames.Of<TEvent>(), description, JsonSerializer.Serialize(payload, Json), ToMicroseconds(at));

    /// <summary>PostgreSQL keeps microseconds: a fact's time is cut to them, so the live view and a rebuilt one agree.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset at) =>
        at.ToUniversalTime().AddTicks(-(at.UtcTicks % TimeSpan.TicksPerMicrosecond));

    private static string Money(decimal amount, string currency) =>
        $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";
}
