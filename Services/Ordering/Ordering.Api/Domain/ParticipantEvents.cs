using Commerce.Inventory.Contracts;
using Commerce.Messaging;
using Commerce.Ordering.Api.Messaging;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;

namespace Commerce.Ordering.Api.Domain;

/// <summary>The step of an order that a participant's event reports on.</summary>
public enum OrderStep
{
    Stock,
    Payment,
    Shipment,
}

/// <summary>An event of a saga participant that Ordering records: its name and the step state it moves the order to.</summary>
public abstract class ParticipantEvent(string kind, OrderStep step, StepState state)
{
    /// <summary>The event's name, which is its routing key and the <see cref="TimelineFact.Kind"/> of its facts.</summary>
    public string Kind { get; } = kind;

    public OrderStep Step { get; } = step;

    public StepState State { get; } = state;

    /// <summary>Binds the service's queue to this event and hands each one to the timeline.</summary>
    public abstract MessagingBuilder AddHandlerTo(MessagingBuilder messaging);
}

/// <summary>A <see cref="ParticipantEvent"/> of type <typeparamref name="TEvent"/>, with what the customer reads of it.</summary>
public sealed class ParticipantEvent<TEvent>(Func<TEvent, Guid> orderIdOf, Func<TEvent, string> describe, OrderStep step, StepState state)
    : ParticipantEvent(IntegrationEventNames.Of<TEvent>(), step, state)
    where TEvent : class
{
    public TimelineFact ToFact(TEvent integrationEvent, DateTimeOffset at) =>
        TimelineFact.Of(orderIdOf(integrationEvent), integrationEvent, describe(integrationEvent), at);

    public override MessagingBuilder AddHandlerTo(MessagingBuilder messaging) =>
        messaging.AddHandler<TEvent, ParticipantEventHandler<TEvent>>();
}

/// <summary>
/// The one list of the participants' events that feed an order's timeline and view: it binds the consumer
/// (<see cref="Extensions.AddOrdering"/>), writes each fact's text and drives <see cref="OrderProjection"/>. A new
/// event is one line here.
/// </summary>
public static class ParticipantEvents
{
    public static readonly IReadOnlyList<ParticipantEvent> All =
    [
        new ParticipantEvent<StockReserved>(e => e.OrderId,
            e => $"Stock reserved: {TimelineFact.Items(e.Lines.Sum(line => line.Quantity))} held for the order.", OrderStep.Stock, StepState.Done),
        new ParticipantEvent<StockCommitted>(e => e.OrderId,
            _ => "Stock committed: the items left the warehouse's stock.", OrderStep.Stock, StepState.Done),
        new ParticipantEvent<StockReleased>(e => e.OrderId,
            _ => "Reserved stock released.", OrderStep.Stock, StepState.Compensated),
        new ParticipantEvent<PaymentAuthorized>(e => e.OrderId,
            e => $"Payment of {TimelineFact.Money(e.Amount, e.Currency)} authorized on the card ending {e.Last4}.", OrderStep.Payment, StepState.Done),
        new ParticipantEvent<PaymentCaptured>(e => e.OrderId,
            e => $"Payment of {TimelineFact.Money(e.Amount, e.Currency)} captured.", OrderStep.Payment, StepState.Done),
        new ParticipantEvent<PaymentVoided>(e => e.OrderId,
            e => $"Payment authorization of {TimelineFact.Money(e.Amount, e.Currency)} voided: nothing was charged.", OrderStep.Payment, StepState.Compensated),
        new ParticipantEvent<PaymentRefunded>(e => e.OrderId,
            e => $"Payment of {TimelineFact.Money(e.Amount, e.Currency)} refunded.", OrderStep.Payment, StepState.Compensated),
        new ParticipantEvent<ShipmentCreated>(e => e.OrderId,
            e => $"Shipment created with tracking number {e.TrackingNumber}.", OrderStep.Shipment, StepState.Done),
        new ParticipantEvent<ShipmentDispatched>(e => e.OrderId,
            e => $"Parcel handed to the carrier, tracking number {e.TrackingNumber}.", OrderStep.Shipment, StepState.Done),
        new ParticipantEvent<ShipmentCancelled>(e => e.OrderId,
            _ => "Shipment cancelled.", OrderStep.Shipment, StepState.Compensated),
    ];

    private static readonly Dictionary<string, ParticipantEvent> ByKind = All.ToDictionary(entry => entry.Kind, StringComparer.Ordinal);

    /// <summary>The entry of a fact's kind; false for the order's own facts (placed, confirmed, …).</summary>
    public static bool TryFind(string kind, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ParticipantEvent? participantEvent) =>
        ByKind.TryGetValue(kind, out participantEvent);

    public static ParticipantEvent<TEvent> Of<TEvent>() where TEvent : class => Entry<TEvent>.Value;

    /// <summary>The timeline fact <paramref name="integrationEvent"/> reports.</summary>
    public static TimelineFact FactOf<TEvent>(TEvent integrationEvent, DateTimeOffset at) where TEvent : class =>
        Of<TEvent>().ToFact(integrationEvent, at);

    private static class Entry<TEvent> where TEvent : class
    {
        public static readonly ParticipantEvent<TEvent> Value = All.OfType<ParticipantEvent<TEvent>>().SingleOrDefault()
            ?? throw new InvalidOperationException($"{typeof(TEvent).Name} is not a participant event of Ordering.");
    }
}
