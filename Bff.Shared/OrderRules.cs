using Commerce.Ordering.Contracts;

namespace Commerce.Bff.Shared;

/// <summary>What Ordering's answers mean to a customer, whichever screen shows them: names, compensations, cancelling.</summary>
public static class OrderRules
{
    /// <summary>
    /// The facts that undo a saga step (Ordering's ParticipantEvents with <c>StepState.Compensated</c>), by event name:
    /// the timeline shows them as compensations.
    /// </summary>
    private static readonly HashSet<string> CompensationKinds = new(StringComparer.Ordinal)
    {
        "inventory.stock-released",
        "payments.payment-voided",
        "payments.payment-refunded",
        "shipping.shipment-cancelled",
    };

    public static bool IsCompensation(string timelineKind) => CompensationKinds.Contains(timelineKind);

    /// <summary>
    /// The saga can stop an order until its shipment is created (IOrderingApi.RequestCancellationAsync); Ordering takes
    /// a request later too, but then it changes nothing, and once one is requested asking again changes nothing either.
    /// So a BFF offers to cancel only a pending order with no shipment yet.
    /// </summary>
    public static bool CanCancel(OrderDto order) => order.Status == OrderStatus.Pending && order.Steps.Shipment == StepState.Pending;

    /// <summary>The status as the BFFs' clients read it, in the words Ordering's events use.</summary>
    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.CancellationRequested => "cancellation-requested",
        OrderStatus.Confirmed => "confirmed",
        OrderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Ordering named a status the BFF does not know."),
    };

    public static string StepName(StepState state) => state switch
    {
        StepState.Pending => "pending",
        StepState.Done => "done",
        StepState.Compensated => "compensated",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Ordering named a step state the BFF does not know."),
    };

    /// <summary>
    /// Ordering keeps facts in the order they reached it; participants' events travel separately and can arrive out of
    /// turn (a payment voided after the stock released), so the story is told by when each happened, arrival breaking
    /// ties (a stable sort).
    /// </summary>
    public static IEnumerable<TimelineEntryDto> InStoryOrder(IEnumerable<TimelineEntryDto> timeline) => timeline.OrderBy(fact => fact.OccurredAt);
}
