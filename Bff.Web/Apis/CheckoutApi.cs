using Commerce.Bff.Shared;
using Commerce.Bff.Web.Aggregation;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Bff.Web.Edge;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Web.Apis;

public static class CheckoutApi
{
    /// <summary>Ordering and Payments are usually back within seconds (a restart, a failover), as Catalog is.</summary>
    private const int RetryAfterSeconds = 5;

    /// <summary>Where the checkout request keeps the address whose fields Shipping may refuse.</summary>
    private const string ShippingAddressPrefix = "shippingAddress.";

    public static RouteGroupBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Checkout").RequireAuthorization();

        api.MapPost("/payment-cards", SaveCardAsync)
            .RequireAntiforgeryToken()
            .WithValidation<SaveCardRequest>()
            .WithName("SavePaymentCard")
            .WithSummary("Exchange card details for a Payments token to check out with")
            .WithDescription(
                "The details go to Payments and nowhere else: the BFF neither stores nor logs them. Payments' field errors " +
                "come back as a 400 naming the field; 503 with Retry-After while Payments is unavailable.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/checkout", CheckoutAsync)
            .RequireAntiforgeryToken()
            .RequireIdempotencyKey()
            .WithValidation<CheckoutRequest>()
            .WithName("Checkout")
            .WithSummary("Place the cart as an order, priced by Catalog, to an address Shipping delivers to")
            .WithDescription(
                "Catalog re-prices the cart while Shipping checks the address (both at once). 409 price-changed with the " +
                "repriced cart when Catalog's total is not expectedTotal; 422 address-undeliverable naming the field; 400 " +
                "unknown-products. Without Shipping the order goes on (Ordering applies the carrier's rules); without Catalog " +
                "or Ordering, 503 with Retry-After. The same Idempotency-Key again answers the same order.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    public static async Task<Results<Created<SavedCard>, ValidationProblem, ProblemHttpResult>> SaveCardAsync(
        SaveCardRequest request, HttpContext context, CardTokenization cards, CancellationToken cancellationToken) =>
        await cards.TokenizeAsync(new TokenizeCardRequest(request.Number, request.ExpiryMonth, request.ExpiryYear, request.Cvc), cancellationToken) switch
        {
            CardTokenizationOutcome.Tokenized { Card: var card } => TypedResults.Created((string?)null, new SavedCard(card.Token, card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear)),
            CardTokenizationOutcome.Refused refused => await PassedOnRefusal.FromAsync<SavedCard>(refused.Refusal),
            _ => DownstreamProblems.Unavailable(context, "Payments", RetryAfterSeconds),
        };

    public static async Task<Results<Created<OrderScreen>, ValidationProblem, ProblemHttpResult>> CheckoutAsync(
        CheckoutRequest request,
        [FromHeader(Name = StorefrontHeaders.IdempotencyKey)] string? idempotencyKey,
        HttpContext context,
        CheckoutPlacement placement,
        CancellationToken cancellationToken)
    {
        var address = request.ShippingAddress;
        var checkout = new CheckoutOrder(
            context.User.CustomerId(),
            // RequireIdempotencyKey has refused a request without one; optional here only so that its 400 is the one that answers.
            idempotencyKey!,
            CatalogViews.ToQuantities(request.Items),
            new ShippingAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            request.PaymentToken,
            request.ExpectedTotal);
        switch (await placement.PlaceAsync(checkout, cancellationToken))
        {
            case CheckoutOutcome.Placed placed:
                // The order page reads the timeline; a just-placed order's screen is the order itself.
                return TypedResults.Created($"/api/orders/{placed.Order.OrderId}", OrderViews.ToScreen(new OrderDetailsDto(placed.Order, [])));
            case CheckoutOutcome.MixedCurrencies mixed:
                return CheckoutProblems.MixedCurrencies(mixed.Currencies);
            case CheckoutOutcome.UnknownProducts unknown:
                return CheckoutProblems.UnknownProducts(unknown.ProductIds);
            case CheckoutOutcome.AddressUndeliverable undeliverable:
                return CheckoutProblems.AddressUndeliverable(ShippingAddressPrefix + undeliverable.AddressField, undeliverable.Detail);
            case CheckoutOutcome.PriceChanged changed:
                return CheckoutProblems.PriceChanged(changed, CatalogViews.ToScreen(changed.Cart));
            case CheckoutOutcome.RefusedByOrdering refused:
                return await PassedOnRefusal.FromAsync<OrderScreen>(refused.Refusal, CheckoutFieldOf);
            case CheckoutOutcome.CatalogUnavailable:
                return CatalogUnavailable.Problem(context);
            default:
                return DownstreamProblems.Unavailable(context, "Ordering", RetryAfterSeconds);
        }
    }

    /// <summary>Ordering's name of a field of its request (<c>lines[0].quantity</c>) as the checkout names it (<c>items[0].quantity</c>).</summary>
    private static string CheckoutFieldOf(string orderingField) =>
        orderingField.StartsWith("lines", StringComparison.OrdinalIgnoreCase) ? "items" + orderingField["lines".Length..] : orderingField;
}
