using System.Globalization;
using System.Text.Json;
using Commerce.Messaging;
using Commerce.Ordering.Contracts;

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
        $"Order placed: {Items(placed.Lines.Sum(line => line.Quantity))}, {Money(placed.Total, placed.Currency)}.", at);

    public static TimelineFact CancellationRequested(OrderCancellationRequested requested, DateTimeOffset at) =>
        Of(requested.OrderId, requested, $"Cancellation requested: {requested.Reason}", at);

    public static TimelineFact OrderConfirmed(OrderConfirmed confirmed, DateTimeOffset at) => Of(confirmed.OrderId, confirmed, "Order confirmed.", at);

    public static TimelineFact OrderCancelled(OrderCancelled cancelled, DateTimeOffset at) =>
        Of(cancelled.OrderId, cancelled, $"Order cancelled: {cancelled.Reason}", at);

    /// <summary>A fact reported by <paramref name="payload"/>; the participants' facts come from <see cref="ParticipantEvents"/>.</summary>
    public static TimelineFact Of<TEvent>(Guid orderId, TEvent payload, string description, DateTimeOffset at) =>
        new(orderId, IntegrationEventNames.Of<TEvent>(), description, JsonSerializer.Serialize(payload, Json), ToMicroseconds(at));

    /// <summary>PostgreSQL keeps microseconds: a fact's time is cut to them, so the live view and a rebuilt one agree.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset at) =>
        at.ToUniversalTime().AddTicks(-(at.UtcTicks % TimeSpan.TicksPerMicrosecond));

    /// <summary>"1 item", "3 items": the customer reads these.</summary>
    public static string Items(int count) => count == 1 ? "1 item" : $"{count.ToString(CultureInfo.InvariantCulture)} items";

    public static string Money(decimal amount, string currency) =>
        $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";
}
