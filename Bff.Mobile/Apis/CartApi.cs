using Commerce.Bff.Mobile.Client;
using Commerce.Bff.Mobile.Screens;
using Commerce.Bff.Shared;
using Commerce.Ordering.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Bff.Mobile.Apis;

public static class CartApi
{
    public static RouteGroupBuilder MapCartApi(this RouteGroupBuilder api)
    {
        var cart = api.MapGroup("/cart").WithTags("Cart");

        // Anonymous: pricing changes nothing, and a cart is priced before anyone signs in.
        cart.MapPost("/price", PriceCartAsync)
            .WithName("PriceCart")
            .WithSummary("The cart the phone keeps, priced now with Catalog's prices and Inventory's stock")
            .WithDescription(
                "Products Catalog no longer sells come back in gone and count for nothing. Stock is not critical: without " +
                "Inventory each line says unknown and degraded names availability. Without Catalog, 503 with Retry-After.")
            .WithValidation<PriceCartRequest>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return cart;
    }

    public static async Task<Results<Ok<CartScreen>, ValidationProblem, ProblemHttpResult>> PriceCartAsync(
        PriceCartRequest request, CartPricer pricer, HttpContext context, CancellationToken cancellationToken) =>
        await pricer.PriceAsync(CartViews.QuantitiesOf(request.Items), cancellationToken) switch
        {
            CartPricingOutcome.Priced priced => TypedResults.Ok(CartViews.ScreenOf(priced.Cart)),
            CartPricingOutcome.MixedCurrencies mixed => CheckoutProblems.MixedCurrencies(mixed.Currencies),
            _ => ScreenResults.Unavailable(context, "Catalog"),
        };
}
