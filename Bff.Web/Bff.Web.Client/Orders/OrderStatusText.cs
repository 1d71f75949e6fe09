using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Client.Orders;

/// <summary>What a customer reads for an order's status, and the tone (colour) it is shown in.</summary>
public static class OrderStatusText
{
    public static string Label(string status) => status switch
    {
        OrderStatuses.Pending => "Processing",
        OrderStatuses.CancellationRequested => "Cancelling",
        OrderStatuses.Confirmed => "Confirmed",
        OrderStatuses.Cancelled => "Cancelled",
        _ => status,
    };

    public static string Tone(string status) => status switch
    {
        OrderStatuses.Confirmed => "success",
        OrderStatuses.Cancelled => "danger",
        OrderStatuses.CancellationRequested => "warning",
        _ => "info",
    };

    public static bool IsFinal(string status) => status is OrderStatuses.Confirmed or OrderStatuses.Cancelled;

    /// <summary>
    /// Final, and with the participants' last events in its history: those travel apart from the saga's own word to
    /// Ordering, so an order can be cancelled before its payment shows as voided, or confirmed before its shipment
    /// shows. Nothing more will happen to a settled order.
    /// </summary>
    public static bool IsSettled(OrderScreen order) => order switch
    {
        { Status: OrderStatuses.Confirmed, Progress: var progress } => progress is { Stock: "done", Payment: "done", Shipment: "done" },
        { Status: OrderStatuses.Cancelled, Progress: var progress } => progress is not ({ Stock: "done" } or { Payment: "done" } or { Shipment: "done" }),
        _ => false,
    };
}
