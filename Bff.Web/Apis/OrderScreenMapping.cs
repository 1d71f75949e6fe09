using Commerce.Bff.Web.Client.Screens;
using Commerce.Ordering.Contracts;

namespace Commerce.Bff.Web.Apis;

/// <summary>Ordering's view of an order, shaped for the order page (<c>GET /api/orders/{id}</c> and each live event).</summary>
public static class OrderScreenMapping
{
    /// <summary>
    /// The facts that undo a saga step. Named here, by the events' names, because the page shows them as compensations
    /// and Ordering's contracts carry only the names.
    /// </summary>
    private static readonly HashSet<string> CompensationKinds =
    [
        "inventory.stock-released",
        "payments.payment-voided",
        "payments.payment-refunded",
        "shipping.shipment-cancelled",
    ];

    public static OrderScreen ToScreen(this OrderDetailsDto details)
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
            [.. details.Timeline.Select(entry => new TimelineItem(entry.Kind, entry.Description, CompensationKinds.Contains(entry.Kind), entry.OccurredAt))]);
    }

    /// <summary>
    /// A cancellation can still stop the saga while the order is pending and nothing has shipped; once the shipment
    /// exists the saga goes on to confirm it (Ordering would accept the request, but it could change nothing).
    /// </summary>
    private static bool CanCancel(OrderDto order) => order.Status == OrderStatus.Pending && order.Steps.Shipment == StepState.Pending;

    private static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Pending => OrderStatuses.Pending,
        OrderStatus.CancellationRequested => OrderStatuses.CancellationRequested,
        OrderStatus.Confirmed => OrderStatuses.Confirmed,
        OrderStatus.Cancelled => OrderStatuses.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "An order status this BFF does not know."),
    };

    private static string StepName(StepState state) => state switch
    {
        StepState.Pending => "pending",
        StepState.Done => "done",
        StepState.Compensated => "compensated",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A step state this BFF does not know."),
    };
}
