using Commerce.Bff.Shared;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Notifications.Contracts;
using Commerce.Ordering.Contracts;

namespace Commerce.Bff.Web.Aggregation;

/// <summary>Ordering's and Notifications' answers in the shapes of the storefront's screens: renaming only, no rules.</summary>
internal static class OrderViews
{
    public static OrderSummary ToSummary(OrderDto order) => new(
        order.OrderId,
        order.Reference,
        OrderRules.StatusName(order.Status),
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
            OrderRules.StatusName(order.Status),
            [.. order.Lines.Select(line => new OrderLineView(line.ProductId, line.ProductName, line.UnitPrice, line.Quantity, line.UnitPrice * line.Quantity))],
            order.Total,
            order.Currency,
            new DeliveryAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            new OrderProgress(OrderRules.StepName(order.Steps.Stock), OrderRules.StepName(order.Steps.Payment), OrderRules.StepName(order.Steps.Shipment)),
            order.CancellationReason,
            OrderRules.CanCancel(order),
            order.PlacedAt,
            [.. OrderRules.InStoryOrder(details.Timeline)
                .Select(fact => new TimelineItem(fact.Kind, fact.Description, OrderRules.IsCompensation(fact.Kind), fact.OccurredAt))]);
    }

    public static NotificationItem ToItem(NotificationDto notification) =>
        new(notification.Id, notification.OrderId, notification.Kind, notification.Text, notification.OccurredAt);
}
