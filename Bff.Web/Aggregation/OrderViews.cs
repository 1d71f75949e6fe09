using Commerce.Bff.Web.Client.Screens;
using Commerce.Notifications.Contracts;
using Commerce.Ordering.Contracts;

namespace Commerce.Bff.Web.Aggregation;

/// <summary>Ordering's and Notifications' answers in the shapes of the storefront's screens: renaming only, no rules.</summary>
internal static class OrderViews
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

    public static OrderSummary ToSummary(OrderDto order) => new(
        order.OrderId,
        order.Reference,
        StatusName(order.Status),
        order.Lines.Sum(line => line.Quantity),
        order.Total,
        order.Currency,
        order.PlacedAt,
        order.UpdatedAt);

    public static OrderScreen ToScreen(OrderDetailsDto details)
    {
        var order = details.Order;
        var address = order.ShippingAddress;
        return new OrderScreen(
            order.OrderId,
            order.Reference,
            StatusName(order.Status),
            [.. order.Lines.Select(line => new OrderLineView(line.ProductId, line.ProductName, line.UnitPrice, line.Quantity, line.UnitPrice * line.Quantity))],
            order.Total,
            order.Currency,
            new DeliveryAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            new OrderProgress(StepName(order.Steps.Stock), StepName(order.Steps.Payment), StepName(order.Steps.Shipment)),
            order.CancellationReason,
            CanCancel(order),
            order.PlacedAt,
            // Ordering keeps facts in the order they reached it; participants' events travel separately and can arrive
            // out of turn (a payment voided after the stock released), so the story is told by when each happened,
            // arrival breaking ties (a stable sort).
            [.. details.Timeline
                .OrderBy(fact => fact.OccurredAt)
                .Select(fact => new TimelineItem(fact.Kind, fact.Description, CompensationKinds.Contains(fact.Kind), fact.OccurredAt))]);
    }

    public static NotificationItem ToItem(NotificationDto notification) =>
        new(notification.Id, notification.OrderId, notification.Kind, notification.Text, notification.OccurredAt);

    /// <summary>
    /// The saga can stop an order until its shipment is created (IOrderingApi.RequestCancellationAsync); Ordering takes
    /// a request later too, but then it changes nothing, and once one is requested asking again changes nothing either.
    /// So the storefront offers to cancel only a pending order with no shipment yet.
    /// </summary>
    private static bool CanCancel(OrderDto order) => order.Status == OrderStatus.Pending && order.Steps.Shipment == StepState.Pending;

    private static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Pending => OrderStatuses.Pending,
        OrderStatus.CancellationRequested => OrderStatuses.CancellationRequested,
        OrderStatus.Confirmed => OrderStatuses.Confirmed,
        OrderStatus.Cancelled => OrderStatuses.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Ordering named a status the storefront does not know."),
    };

    private static string StepName(StepState state) => state switch
    {
        StepState.Pending => "pending",
        StepState.Done => "done",
        StepState.Compensated => "compensated",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Ordering named a step state the storefront does not know."),
    };
}
