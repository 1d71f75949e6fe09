using Commerce.Inventory.Contracts;
using Commerce.Messaging;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;

namespace Commerce.Ordering.Api.Domain;

/// <summary>The read model of one order: the customer it belongs to (for scoping) and what they see.</summary>
public sealed record OrderView(string CustomerId, OrderDto Order);

/// <summary>
/// Folds an order's timeline into its view. The same function updates the live view fact by fact and rebuilds it
/// from the stored timeline, so the two cannot drift apart. Step states only move forward (pending → done →
/// compensated), so participants' events that arrive out of order still end in the same view.
/// </summary>
public static class OrderProjection
{
    private enum Step
    {
        Stock,
        Payment,
        Shipment,
    }

    private static readonly Dictionary<string, (Step Step, StepState State)> StepFacts = new(StringComparer.Ordinal)
    {
        [IntegrationEventNames.Of<StockReserved>()] = (Step.Stock, StepState.Done),
        [IntegrationEventNames.Of<StockCommitted>()] = (Step.Stock, StepState.Done),
        [IntegrationEventNames.Of<StockReleased>()] = (Step.Stock, StepState.Compensated),
        [IntegrationEventNames.Of<PaymentAuthorized>()] = (Step.Payment, StepState.Done),
        [IntegrationEventNames.Of<PaymentCaptured>()] = (Step.Payment, StepState.Done),
        [IntegrationEventNames.Of<PaymentVoided>()] = (Step.Payment, StepState.Compensated),
        [IntegrationEventNames.Of<PaymentRefunded>()] = (Step.Payment, StepState.Compensated),
        [IntegrationEventNames.Of<ShipmentCreated>()] = (Step.Shipment, StepState.Done),
        [IntegrationEventNames.Of<ShipmentDispatched>()] = (Step.Shipment, StepState.Done),
        [IntegrationEventNames.Of<ShipmentCancelled>()] = (Step.Shipment, StepState.Compensated),
    };

    private static readonly string Placed = IntegrationEventNames.Of<OrderPlaced>();
    private static readonly string CancellationRequested = IntegrationEventNames.Of<OrderCancellationRequested>();
    private static readonly string Confirmed = IntegrationEventNames.Of<OrderConfirmed>();
    private static readonly string Cancelled = IntegrationEventNames.Of<OrderCancelled>();

    /// <summary>The names of every event the timeline records from the saga's participants.</summary>
    public static IReadOnlyCollection<string> ParticipantKinds => StepFacts.Keys;

    /// <summary>The view after <paramref name="fact"/>; null while the order was not placed (nothing to show yet).</summary>
    public static OrderView? Apply(OrderView? view, TimelineFact fact)
    {
        if (fact.Kind == Placed)
        {
            var placed = fact.Payload<OrderPlaced>();
            return new OrderView(placed.CustomerId, new OrderDto(
                placed.OrderId, placed.Reference, OrderStatus.Pending, placed.Lines, placed.Currency, placed.Total, placed.ShippingAddress,
                new OrderSteps(StepState.Pending, StepState.Pending, StepState.Pending), CancellationReason: null,
                placed.PlacedAt, fact.OccurredAt));
        }

        if (view is null)
        {
            return null;
        }

        var order = view.Order;
        if (fact.Kind == CancellationRequested && order.Status == OrderStatus.Pending)
        {
            order = order with { Status = OrderStatus.CancellationRequested };
        }
        else if (fact.Kind == Confirmed)
        {
            order = order with { Status = OrderStatus.Confirmed };
        }
        else if (fact.Kind == Cancelled)
        {
            order = order with { Status = OrderStatus.Cancelled, CancellationReason = fact.Payload<OrderCancelled>().Reason };
        }
        else if (StepFacts.TryGetValue(fact.Kind, out var step))
        {
            order = order with { Steps = Advance(order.Steps, step.Step, step.State) };
        }

        return view with { Order = order with { UpdatedAt = Max(order.UpdatedAt, fact.OccurredAt) } };
    }

    /// <summary>The view a whole timeline (oldest fact first) adds up to.</summary>
    public static OrderView? Replay(IEnumerable<TimelineFact> timeline) => timeline.Aggregate((OrderView?)null, Apply);

    private static OrderSteps Advance(OrderSteps steps, Step step, StepState state) => step switch
    {
        Step.Stock => steps with { Stock = Later(steps.Stock, state) },
        Step.Payment => steps with { Payment = Later(steps.Payment, state) },
        _ => steps with { Shipment = Later(steps.Shipment, state) },
    };

    private static StepState Later(StepState current, StepState next) => next > current ? next : current;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
