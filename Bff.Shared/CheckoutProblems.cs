using Commerce.Ordering.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Bff.Shared;

/// <summary>
/// The refusals of pricing and checkout beyond field errors, each a ProblemDetails with a <c>reason</c>: the same words
/// in both BFFs' contracts (their clients' reason constants), whatever shape each gives the cart it carries.
/// </summary>
public static class CheckoutProblems
{
    public const string PriceChangedReason = "price-changed";
    public const string AddressUndeliverableReason = "address-undeliverable";
    public const string UnknownProductsReason = "unknown-products";

    /// <summary>409: Catalog's total is not what the customer was shown; <paramref name="cartScreen"/> is the cart repriced, as the client shows it.</summary>
    public static ProblemHttpResult PriceChanged(CheckoutOutcome.PriceChanged changed, object cartScreen) => Refusal(
        StatusCodes.Status409Conflict,
        PriceChangedReason,
        "The cart's prices have changed.",
        $"The cart now costs {changed.Cart.Total} {changed.Cart.Currency}, not {changed.ExpectedTotal}; nothing was ordered. Show the customer the cart in 'cart' and let them confirm again.",
        ("cart", cartScreen));

    /// <summary>422: the carrier does not deliver there; <paramref name="field"/> is the part of the address, as the client's request names it.</summary>
    public static ProblemHttpResult AddressUndeliverable(string field, string detail) => Refusal(
        StatusCodes.Status422UnprocessableEntity,
        AddressUndeliverableReason,
        "The carrier cannot deliver to this address.",
        detail,
        ("field", field));

    public static ProblemHttpResult UnknownProducts(IReadOnlyList<int> productIds) => Refusal(
        StatusCodes.Status400BadRequest,
        UnknownProductsReason,
        "Some products are no longer sold.",
        $"The catalog no longer sells {string.Join(", ", productIds)}; remove them from the cart.",
        ("productIds", productIds));

    /// <summary>422 <c>mixed-currencies</c>, the word Ordering refuses such an order with.</summary>
    public static ProblemHttpResult MixedCurrencies(IReadOnlyList<string> currencies) => Refusal(
        StatusCodes.Status422UnprocessableEntity,
        OrderingRefusalReasons.MixedCurrencies,
        "The products are priced in different currencies.",
        $"One cart is paid in one currency; these products are priced in {string.Join(", ", currencies)}.",
        ("currencies", currencies));

    private static ProblemHttpResult Refusal(int status, string reason, string title, string detail, (string Key, object? Value) more) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?>
        {
            ["reason"] = reason,
            [more.Key] = more.Value,
        });
}
