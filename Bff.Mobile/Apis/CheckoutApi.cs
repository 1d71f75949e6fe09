using Commerce.Bff.Mobile.Client;
using Commerce.Bff.Mobile.Edge;
using Commerce.Bff.Mobile.Screens;
using Commerce.Bff.Shared;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Mobile.Apis;

public static class CheckoutApi
{
    /// <summary>Where the checkout request keeps the address's fields (<c>address.country</c>).</summary>
    private const string AddressFieldPrefix = "address.";

    public static RouteGroupBuilder MapCheckoutApi(this RouteGroupBuilder api)
    {
        var checkout = api.MapGroup("").WithTags("Checkout").RequireAuthorization();

        checkout.MapPost("/payment-cards", SaveCardAsync)
            .WithName("SaveCard")
            .WithSummary("Exchange card details for a Payments token to check out with")
            .WithDescription(
                "The details go to Payments and nowhere else: the BFF neither keeps nor logs them. Payments' field errors " +
                "come back as a 400 naming the field; 503 with Retry-After while Payments is unavailable.")
            .WithValidation<SaveCardRequest>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        checkout.MapPost("/checkout", CheckoutAsync)
            .WithName("Checkout")
            .WithSummary("Place the cart as an order, priced by Catalog, to an address Shipping delivers to")
            .WithDescription(
                "Catalog re-prices the cart while Shipping checks the address. 409 price-changed with the repriced cart in cart " +
                "when Catalog's total is not expectedTotal; 422 address-undeliverable whose field names the part of the address; " +
                "400 unknown-products; 422 idempotency-key-reused. Without Shipping the order goes on (Ordering applies the " +
                "carrier's rules); without Catalog or Ordering, 503 with Retry-After. The same Idempotency-Key again answers the same order.")
            .RequireIdempotencyKey()
            .WithValidation<CheckoutRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return checkout;
    }

    public static async Task<Results<Created<SavedCard>, ValidationProblem, ProblemHttpResult>> SaveCardAsync(
        SaveCardRequest request, HttpContext context, CardTokenization cards, CancellationToken cancellationToken) =>
        await cards.TokenizeAsync(new TokenizeCardRequest(request.Number, request.ExpiryMonth, request.ExpiryYear, request.Cvc), cancellationToken) switch
        {
            CardTokenizationOutcome.Tokenized { Card: var card } => TypedResults.Created((string?)null, new SavedCard(card.Token, card.Brand, card.Last4)),
            CardTokenizationOutcome.Refused refused => await PassedOnRefusal.FromAsync<SavedCard>(refused.Refusal),
            _ => ScreenResults.Unavailable(context, "Payments"),
        };

    public static async Task<Results<Created<PlacedOrder>, ValidationProblem, ProblemHttpResult>> CheckoutAsync(
        CheckoutRequest request,
        [FromHeader(Name = MobileHeaders.IdempotencyKey)] string? idempotencyKey,
        HttpContext context,
        CheckoutPlacement placement,
        CancellationToken cancellationToken)
    {
        var address = request.Address;
        // RequireIdempotencyKey has refused a request without one; optional here only so that its 400 is the one that answers.
        var checkout = new CheckoutOrder(
            context.User.CustomerId(),
            idempotencyKey!,
            CartViews.QuantitiesOf(request.Items),
            new ShippingAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            request.CardToken,
            request.ExpectedTotal);
        return await placement.PlaceAsync(checkout, cancellationToken) switch
        {
            CheckoutOutcome.Placed { Order: var order } => TypedResults.Created($"/api/orders/{order.OrderId}", new PlacedOrder(order.OrderId, order.Reference)),
            CheckoutOutcome.UnknownProducts unknown => CheckoutProblems.UnknownProducts(unknown.ProductIds),
            CheckoutOutcome.AddressUndeliverable undeliverable => CheckoutProblems.AddressUndeliverable(AddressFieldPrefix + undeliverable.AddressField, undeliverable.Detail),
            CheckoutOutcome.PriceChanged changed => CheckoutProblems.PriceChanged(changed, CartViews.ScreenOf(changed.Cart)),
            CheckoutOutcome.MixedCurrencies mixed => CheckoutProblems.MixedCurrencies(mixed.Currencies),
            CheckoutOutcome.RefusedByOrdering refused => await PassedOnRefusal.FromAsync<PlacedOrder>(refused.Refusal, CheckoutFieldOf),
            CheckoutOutcome.CatalogUnavailable => ScreenResults.Unavailable(context, "Catalog"),
            _ => ScreenResults.Unavailable(context, "Ordering"),
        };
    }

    /// <summary>Ordering's name of a field of its request (<c>lines[0].quantity</c>, <c>shippingAddress.country</c>) as the checkout names it.</summary>
    private static string CheckoutFieldOf(string orderingField) => orderingField switch
    {
        _ when orderingField.StartsWith("lines", StringComparison.OrdinalIgnoreCase) => "items" + orderingField["lines".Length..],
        _ when orderingField.StartsWith("shippingAddress.", StringComparison.OrdinalIgnoreCase) => AddressFieldPrefix + orderingField["shippingAddress.".Length..],
        _ when orderingField.StartsWith("paymentToken", StringComparison.OrdinalIgnoreCase) => "cardToken" + orderingField["paymentToken".Length..],
        _ => orderingField,
    };
}
