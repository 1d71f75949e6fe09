using Commerce.Shipping.Api.Domain;
using Commerce.Shipping.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Shipping.Api.Apis;

/// <summary>The business refusals of this service, each a ProblemDetails with a machine-readable <c>reason</c>.</summary>
internal static class ShippingProblems
{
    public static ProblemHttpResult Undeliverable(Undeliverable undeliverable) => Refusal(
        StatusCodes.Status422UnprocessableEntity,
        ShippingRefusalReasons.AddressUndeliverable,
        "The carrier cannot deliver to this address.",
        undeliverable.Detail,
        ("field", undeliverable.Field));

    public static ProblemHttpResult ShipmentMismatch(Guid orderId) => Refusal(
        StatusCodes.Status409Conflict,
        ShippingRefusalReasons.ShipmentMismatch,
        "The order already has a different shipment.",
        $"Order {orderId} already has a shipment with another address or other lines; a repeat must send the same request.");

    public static ProblemHttpResult CancelledBeforeCreation(Guid orderId) => Refusal(
        StatusCodes.Status409Conflict,
        ShippingRefusalReasons.ShipmentCancelled,
        "The order's shipment was cancelled.",
        $"The shipment of order {orderId} was cancelled before it was created, so it will not be created now.");

    public static ProblemHttpResult Cancelled(Guid orderId) => Refusal(
        StatusCodes.Status409Conflict,
        ShippingRefusalReasons.ShipmentCancelled,
        "The shipment was cancelled.",
        $"The shipment of order {orderId} was cancelled; a cancelled parcel is not handed to the carrier.");

    public static ProblemHttpResult AlreadyDispatched(Guid orderId) => Refusal(
        StatusCodes.Status409Conflict,
        ShippingRefusalReasons.AlreadyDispatched,
        "The shipment was already dispatched.",
        $"The parcel of order {orderId} has left the warehouse and can no longer be cancelled.");

    private static ProblemHttpResult Refusal(int status, string reason, string title, string detail, params (string Key, object? Value)[] more)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = reason };
        foreach (var (key, value) in more)
        {
            extensions[key] = value;
        }

        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }
}
