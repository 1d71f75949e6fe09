using Commerce.Ordering.Contracts;
using Commerce.Shipping.Addresses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Ordering.Api.Apis;

/// <summary>The refusals of this service, each a ProblemDetails with a machine-readable <c>reason</c>.</summary>
internal static class OrderingProblems
{
    /// <summary>How long a caller should wait before asking again while Catalog is away.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>A client mistake like any invalid field, so a 400 whose errors name the lines, with the ids for machines.</summary>
    public static ValidationProblem UnknownProducts(IReadOnlyList<PlaceOrderLine> lines, IReadOnlyList<int> unknownIds)
    {
        var errors = lines
            .Select((line, index) => (line, index))
            .Where(item => unknownIds.Contains(item.line.ProductId))
            .ToDictionary(item => $"lines[{item.index}].productId", item => new[] { $"Product {item.line.ProductId} is not in the catalog." });
        return TypedResults.ValidationProblem(
            errors,
            detail: $"The catalog has no product {string.Join(", ", unknownIds)}.",
            title: "The order names products that do not exist.",
            extensions: new Dictionary<string, object?> { ["reason"] = OrderingRefusalReasons.UnknownProducts, ["productIds"] = unknownIds });
    }

    /// <summary>Shipping would refuse the address in the saga, after the card was authorized: refused before anything is placed.</summary>
    public static ProblemHttpResult Undeliverable(Undeliverable undeliverable) => TypedResults.Problem(
        undeliverable.Detail,
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "The carrier cannot deliver to this address.",
        extensions: new Dictionary<string, object?> { ["reason"] = OrderingRefusalReasons.AddressUndeliverable, ["field"] = undeliverable.Field });

    public static ProblemHttpResult MixedCurrencies(IReadOnlyList<string> currencies) => Refusal(
        StatusCodes.Status422UnprocessableEntity,
        OrderingRefusalReasons.MixedCurrencies,
        "The products are priced in different currencies.",
        $"One order is charged in one currency; these products are priced in {string.Join(", ", currencies)}.");

    public static ProblemHttpResult IdempotencyKeyReused() => Refusal(
        StatusCodes.Status422UnprocessableEntity,
        OrderingRefusalReasons.IdempotencyKeyReused,
        "The Idempotency-Key was already used for another request.",
        "A repeat must send the same body as the first request with this key; a new order needs a new key.");

    public static ProblemHttpResult CatalogUnavailable(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"The order cannot be priced while Catalog is unavailable; nothing was placed. Retry in {RetryAfterSeconds} seconds.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "A dependency of this service is unavailable.");
    }

    /// <summary>Why a confirmed or cancelled order cannot make the move asked for.</summary>
    public static ProblemHttpResult Final(Guid orderId, OrderStatus status) => status == OrderStatus.Confirmed
        ? Refusal(StatusCodes.Status409Conflict, OrderingRefusalReasons.OrderConfirmed, "The order is confirmed.",
            $"Order {orderId} is confirmed; it can no longer be cancelled.")
        : Refusal(StatusCodes.Status409Conflict, OrderingRefusalReasons.OrderCancelled, "The order is cancelled.",
            $"Order {orderId} is cancelled; that is final.");

    private static ProblemHttpResult Refusal(int status, string reason, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["reason"] = reason });
}
