using Commerce.Bff.Mobile.Client;
using Commerce.Bff.Shared;
using Commerce.Ordering.Contracts;
using OrderLine = Commerce.Bff.Mobile.Client.OrderLine;
using OrderSteps = Commerce.Bff.Mobile.Client.OrderSteps;

namespace Commerce.Bff.Mobile.Screens;

/// <summary>Ordering's answers in the shapes of the phone's order screens: renaming and leaving out, no rules.</summary>
internal static class OrderViews
{
    public static OrderRow RowOf(OrderDto order) => new(
        order.OrderId, order.Reference, OrderRules.StatusName(order.Status), order.Lines.Sum(line => line.Quantity), order.Total, order.Currency, order.PlacedAt);

    public static OrderScreen ScreenOf(OrderDetailsDto details)
    {
        var order = details.Order;
        return new OrderScreen(
            order.OrderId,
            order.Reference,
            OrderRules.StatusName(order.Status),
            order.Total,
            order.Currency,
            [.. order.Lines.Select(line => new OrderLine(line.ProductName, line.Quantity, line.UnitPrice * line.Quantity))],
            new OrderSteps(OrderRules.StepName(order.Steps.Stock), OrderRules.StepName(order.Steps.Payment), OrderRules.StepName(order.Steps.Shipment)),
            order.CancellationReason,
            OrderRules.CanCancel(order),
            order.PlacedAt,
            [.. OrderRules.InStoryOrder(details.Timeline).Select(fact => new TimelineEntry(fact.Description, fact.OccurredAt, OrderRules.IsCompensation(fact.Kind)))]);
    }
}
