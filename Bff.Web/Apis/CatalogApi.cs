using System.ComponentModel;
using Commerce.Bff.Web.Aggregation;
using Commerce.Bff.Web.Client.Screens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;

namespace Commerce.Bff.Web.Apis;

public static class CatalogApi
{
    /// <summary>How many products the home screen features.</summary>
    public const int FeaturedCount = CatalogScreens.FeaturedCount;

    public static RouteGroupBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Catalog").CacheOutput(Extensions.CatalogCachePolicy);

        api.MapGet("/home", GetHomeAsync)
            .WithName("GetHome")
            .WithSummary("Featured products and the categories to browse");
        api.MapGet("/products", GetProductsAsync)
            .WithName("GetProducts")
            .WithSummary("Browse a category or search, one keyset page at a time");
        api.MapGet("/products/{id:int}", GetProductAsync)
            .WithName("GetProduct")
            .WithSummary("A product with its availability and a shipping estimate; degraded parts are named, never fatal");
        return api;
    }

    public static async Task<Results<Ok<HomeScreen>, ProblemHttpResult>> GetHomeAsync(
        HttpContext context, CatalogScreens screens, CancellationToken cancellationToken) =>
        await screens.GetHomeAsync(cancellationToken) switch
        {
            CatalogRead<HomeScreen>.Shown shown => TypedResults.Ok(shown.Screen),
            _ => CatalogUnavailable.Problem(context),
        };

    public static async Task<Results<Ok<ProductListScreen>, ValidationProblem, ProblemHttpResult>> GetProductsAsync(
        HttpContext context,
        CatalogScreens screens,
        [Description("The nextCursor of the previous page; omit for the first page.")] string? cursor,
        [Description("Products per page (Catalog's default when omitted).")] int? pageSize,
        [Description("Only this category's products.")] int? categoryId,
        [Description("Search words; results come by relevance.")] string? q,
        CancellationToken cancellationToken) =>
        await screens.GetProductsAsync(new ProductListQuery(cursor, pageSize, categoryId, q), cancellationToken) switch
        {
            CatalogRead<ProductListScreen>.Shown shown => TypedResults.Ok(shown.Screen),
            CatalogRead<ProductListScreen>.QueryRefused refused => TypedResults.ValidationProblem(
                refused.Problem.Errors, detail: refused.Problem.Detail, title: refused.Problem.Title ?? "The search is not valid"),
            _ => CatalogUnavailable.Problem(context),
        };

    public static async Task<Results<Ok<ProductScreen>, NotFound, ProblemHttpResult>> GetProductAsync(
        HttpContext context,
        CatalogScreens screens,
        [Description("The product's catalog id.")] int id,
        CancellationToken cancellationToken)
    {
        switch (await screens.GetProductAsync(id, cancellationToken))
        {
            case ProductScreenOutcome.Found found:
                if (found.Screen.Degraded.Count > 0)
                {
                    // A fallback is for this moment only: the next customer should get the full screen as soon as it can be had.
                    context.Features.Get<IOutputCacheFeature>()?.Context.AllowCacheStorage = false;
                }

                return TypedResults.Ok(found.Screen);
            case ProductScreenOutcome.NoSuchProduct:
                return TypedResults.NotFound();
            default:
                return CatalogUnavailable.Problem(context);
        }
    }
}
