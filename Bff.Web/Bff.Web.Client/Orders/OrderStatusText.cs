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
}
