using Commerce.Bff.Web.Client.Screens;
using Commerce.Ordering.Contracts;

namespace Commerce.Bff.Web.Apis;

/// <summary>Ordering's order as the storefront shows it, the same after checkout, on the order page and in its live stream.</summary>
public static class OrderScreenMapping
{
    /// <summary>The timeline kinds that report a step being undone: the saga's compensations, in the participants' event names.</summary>
    private static readonly HashSet<string> CompensationKinds = new(StringComparer.Ordinal)
    {
        "inventory.stock-released",
        "payments.payment-voided",
        "payments.payment-refunded",
        "shipping.shipment-cancelled",
    };

    public static OrderScreen ToScreen(this OrderDetailsDto details) => details.Order.ToScreen(details.Timeline);

    public static OrderScreen ToScreen(this OrderDto order, IReadOnlyList<TimelineEntryDto> timeline) => new(
        order.OrderId,
        order.Reference,
        StatusName(order.Status),
        [.. order.Lines.Select(line => new OrderLineView(line.ProductId, line.ProductName, line.UnitPrice, line.Quantity, line.UnitPrice * line.Quantity))],
        order.Total,
        order.Currency,
        new DeliveryAddress(
            order.ShippingAddress.Name,
            order.ShippingAddress.Line1,
            order.ShippingAddress.Line2,
            order.ShippingAddress.City,
            order.ShippingAddress.PostalCode,
            order.ShippingAddress.Country),
        new OrderProgress(StepName(order.Steps.Stock), StepName(order.Steps.Payment), StepName(order.Steps.Shipment)),
        order.CancellationReason,
        // Ordering takes a cancellation request until the shipment exists; one already asked for is not asked again.
        order.Status == OrderStatus.Pending && order.Steps.Shipment == StepState.Pending,
        order.PlacedAt,
        [.. timeline.Select(entry => new TimelineItem(entry.Kind, entry.Description, CompensationKinds.Contains(entry.Kind), entry.OccurredAt))]);

    public static OrderSummary ToSummary(this OrderDto order) => new(
        order.OrderId,
        order.Reference,
        StatusName(order.Status),
        order.Lines.Sum(line => line.Quantity),
        order.Total,
        order.Currency,
        order.PlacedAt,
        order.UpdatedAt);

    private static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Pending => OrderStatuses.Pending,
        OrderStatus.CancellationRequested => OrderStatuses.CancellationRequested,
        OrderStatus.Confirmed => OrderStatuses.Confirmed,
        OrderStatus.Cancelled => OrderStatuses.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Ordering has no such status."),
    };

    private static string StepName(StepState state) => state switch
    {
        StepState.Pending => "pending",
        StepState.Done => "done",
        StepState.Compensated => "compensated",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Ordering has no such step state."),
    };
}
