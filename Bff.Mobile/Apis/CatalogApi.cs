using System.ComponentModel;
using Commerce.Bff.Mobile.Client;
using Commerce.Bff.Mobile.Screens;
using Commerce.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Bff.Mobile.Apis;

/// <summary>The catalog screens: anonymous, the same for everyone, so phones and caches may keep them briefly.</summary>
public static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("").WithTags("Catalog");

        catalog.MapGet("/home", GetHomeAsync)
            .WithName("GetHome")
            .WithSummary("The home screen: featured products and every category")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        catalog.MapGet("/products", SearchAsync)
            .WithName("Search")
            .WithSummary("One page of a category or a search, by relevance when searching, else by name")
            .WithDescription("Pass next back as cursor for the following page; it is absent on the last page. A cursor from another listing is a 400 naming cursor.")
            .WithValidation<SearchQuery>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        catalog.MapGet("/products/{id}", GetProductAsync)
            .WithName("GetProduct")
            .WithSummary("The product screen: the product, its stock and a delivery estimate")
            .WithDescription(
                "Stock and delivery are not critical: when Inventory or Shipping is slow or down the screen says unknown stock, " +
                "has no delivery, and degraded names availability or delivery. Without Catalog there is no screen: 503 with Retry-After.")
            .WithValidation<ProductRoute>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return catalog;
    }

    public static async Task<Results<Ok<HomeScreen>, ValidationProblem, ProblemHttpResult>> GetHomeAsync(
        CatalogScreens screens, HttpContext context, CancellationToken cancellationToken) =>
        ScreenResults.Of(await screens.GetHomeAsync(cancellationToken), context, "There is no home screen.");

    public static async Task<Results<Ok<SearchPage>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        [AsParameters] SearchQuery query, CatalogScreens screens, HttpContext context, CancellationToken cancellationToken) =>
        ScreenResults.Of(await screens.SearchAsync(query, cancellationToken), context, "There is no such page.");

    public static async Task<Results<Ok<ProductScreen>, ValidationProblem, ProblemHttpResult>> GetProductAsync(
        [AsParameters] ProductRoute route, CatalogScreens screens, HttpContext context, CancellationToken cancellationToken)
    {
        var read = await screens.GetProductAsync(route.Id, cancellationToken);
        if (read is ScreenRead<ProductScreen>.Shown { Screen.Degraded: not null })
        {
            // A fallback is for this moment only: the phone should ask again next time, and get the whole screen once it can be had.
            context.Response.Headers.CacheControl = "no-cache";
        }

        return ScreenResults.Of(read, context, $"The catalog has no product {route.Id}.");
    }
}

public sealed record ProductRoute([property: Description("The product's id, as a tile gives it.")] int Id);

public sealed class ProductRouteValidator : AbstractValidator<ProductRoute>
{
    public ProductRouteValidator()
    {
        RuleFor(route => route.Id).GreaterThan(0).WithMessage("A product id is a positive number.");
    }
}
