using Commerce.Bff.Mobile.Client;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Bff.Mobile.Apis;

/// <summary>The checkout's own refusals, each a ProblemDetails with a <c>reason</c> of <see cref="CheckoutRefusals"/>.</summary>
internal static class CheckoutProblems
{
    public static ProblemHttpResult PriceChanged(CartScreen cart, decimal expectedTotal) => Refusal(
        StatusCodes.Status409Conflict,
        CheckoutRefusals.PriceChanged,
        "The cart's prices have changed.",
        $"The cart now costs {cart.Total} {cart.Currency}, not {expectedTotal}; nothing was ordered. Show the cart in 'cart' and let the customer confirm again.",
        ("cart", cart));

    public static ProblemHttpResult AddressUndeliverable(string field, string detail) => Refusal(
        StatusCodes.Status422UnprocessableEntity,
        CheckoutRefusals.AddressUndeliverable,
        "The carrier cannot deliver to this address.",
        detail,
        ("field", field));

    public static ProblemHttpResult UnknownProducts(IReadOnlyList<int> productIds) => Refusal(
        StatusCodes.Status400BadRequest,
        CheckoutRefusals.UnknownProducts,
        "Some products are no longer sold.",
        $"The catalog no longer sells {string.Join(", ", productIds)}; remove them from the cart.",
        ("productIds", productIds));

    private static ProblemHttpResult Refusal(int status, string reason, string title, string detail, (string Key, object? Value) more) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?>
        {
            ["reason"] = reason,
            [more.Key] = more.Value,
        });
}
