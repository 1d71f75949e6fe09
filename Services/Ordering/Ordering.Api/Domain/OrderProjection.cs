using Commerce.Messaging;
using Commerce.Ordering.Contracts;

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
    private static readonly string Placed = IntegrationEventNames.Of<OrderPlaced>();
    private static readonly string CancellationRequested = IntegrationEventNames.Of<OrderCancellationRequested>();
    private static readonly string Confirmed = IntegrationEventNames.Of<OrderConfirmed>();
    private static readonly string Cancelled = IntegrationEventNames.Of<OrderCancelled>();

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
        else if (ParticipantEvents.TryFind(fact.Kind, out var reported))
        {
            order = order with { Steps = Advance(order.Steps, reported.Step, reported.State) };
        }

        return view with { Order = order with { UpdatedAt = Max(order.UpdatedAt, fact.OccurredAt) } };
    }

    /// <summary>The view a whole timeline (oldest fact first) adds up to.</summary>
    public static OrderView? Replay(IEnumerable<TimelineFact> timeline) => timeline.Aggregate((OrderView?)null, Apply);

    private static OrderSteps Advance(OrderSteps steps, OrderStep step, StepState state) => step switch
    {
        OrderStep.Stock => steps with { Stock = Later(steps.Stock, state) },
        OrderStep.Payment => steps with { Payment = Later(steps.Payment, state) },
        _ => steps with { Shipment = Later(steps.Shipment, state) },
    };

    private static StepState Later(StepState current, StepState next) => next > current ? next : current;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
