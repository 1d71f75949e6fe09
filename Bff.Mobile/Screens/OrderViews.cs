using Commerce.Bff.Mobile.Client;
using Commerce.Ordering.Contracts;
using OrderLine = Commerce.Bff.Mobile.Client.OrderLine;
using OrderSteps = Commerce.Bff.Mobile.Client.OrderSteps;

namespace Commerce.Bff.Mobile.Screens;

/// <summary>Ordering's answers in the shapes of the phone's order screens: renaming and leaving out, no rules.</summary>
internal static class OrderViews
{
    /// <summary>The facts that undo a saga step (Ordering's participant events that compensate), by event name.</summary>
    private static readonly HashSet<string> CompensationKinds = new(StringComparer.Ordinal)
    {
        "inventory.stock-released",
        "payments.payment-voided",
        "payments.payment-refunded",
        "shipping.shipment-cancelled",
    };

    public static OrderRow RowOf(OrderDto order) => new(
        order.OrderId, order.Reference, StatusName(order.Status), order.Lines.Sum(line => line.Quantity), order.Total, order.Currency, order.PlacedAt);

    public static OrderScreen ScreenOf(OrderDetailsDto details)
    {
        var order = details.Order;
        return new OrderScreen(
            order.OrderId,
            order.Reference,
            StatusName(order.Status),
            order.Total,
            order.Currency,
            [.. order.Lines.Select(line => new OrderLine(line.ProductName, line.Quantity, line.UnitPrice * line.Quantity))],
            new OrderSteps(StepName(order.Steps.Stock), StepName(order.Steps.Payment), StepName(order.Steps.Shipment)),
            order.CancellationReason,
            CanCancel(order),
            order.PlacedAt,
            // Participants' events reach Ordering out of turn now and then: tell the story by when each happened,
            // arrival breaking ties (a stable sort).
            [.. details.Timeline.OrderBy(fact => fact.OccurredAt).Select(fact => new TimelineEntry(fact.Description, fact.OccurredAt, CompensationKinds.Contains(fact.Kind)))]);
    }

    /// <summary>The saga can stop an order until its shipment is created; after that, or once asked, asking changes nothing.</summary>
    private static bool CanCancel(OrderDto order) => order.Status == OrderStatus.Pending && order.Steps.Shipment == StepState.Pending;

    private static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Pending => OrderStates.Pending,
        OrderStatus.CancellationRequested => OrderStates.CancellationRequested,
        OrderStatus.Confirmed => OrderStates.Confirmed,
        OrderStatus.Cancelled => OrderStates.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Ordering named a status the app does not know."),
    };

    private static string StepName(StepState state) => state switch
    {
        StepState.Pending => "pending",
        StepState.Done => "done",
        StepState.Compensated => "compensated",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Ordering named a step state the app does not know."),
    };
}
