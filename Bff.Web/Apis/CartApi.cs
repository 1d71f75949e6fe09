using Commerce.Bff.Shared;
using Commerce.Bff.Web.Aggregation;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Ordering.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Bff.Web.Apis;

public static class CartApi
{
    public static RouteGroupBuilder MapCartApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cart").WithTags("Cart");

        // Anonymous and without antiforgery: pricing changes nothing, and a cart is priced before anyone signs in.
        api.MapPost("/price", PriceCartAsync)
            .WithName("PriceCart")
            .WithSummary("The cart the browser keeps, priced now with Catalog's prices and Inventory's availability")
            .WithDescription(
                "Products Catalog no longer sells come back in unavailableProductIds and count for nothing in the total. " +
                "Availability is not critical: when Inventory is slow or down the lines say unknown and degraded names " +
                "availability. Without Catalog there is no price: 503 with Retry-After.")
            .WithValidation<PriceCartRequest>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    public static async Task<Results<Ok<CartScreen>, ValidationProblem, ProblemHttpResult>> PriceCartAsync(
        PriceCartRequest request, CartPricer pricer, HttpContext context, CancellationToken cancellationToken) =>
        await pricer.PriceAsync(CatalogViews.ToQuantities(request.Items), cancellationToken) switch
        {
            CartPricingOutcome.Priced priced => TypedResults.Ok(CatalogViews.ToScreen(priced.Cart)),
            CartPricingOutcome.MixedCurrencies mixed => CheckoutProblems.MixedCurrencies(mixed.Currencies),
            _ => CatalogUnavailable.Problem(context),
        };
}
