using System.ComponentModel;
using Commerce.Bff.Web.Aggregation;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Catalog.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Web.Apis;

public static class CatalogApi
{
    /// <summary>How many products the home screen features.</summary>
    public const int FeaturedCount = 8;

    /// <summary>Catalog is usually back within seconds (a restart, a failover): worth a retry soon, not a hammering.</summary>
    private const int CatalogRetryAfterSeconds = 5;

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
        [AsParameters] CatalogScreenServices services, CancellationToken cancellationToken)
    {
        try
        {
            var budget = services.Timeouts.Value.Catalog;
            var featured = DownstreamFaults.WithinAsync(budget, token => services.Catalog.GetProductsAsync(pageSize: FeaturedCount, cancellationToken: token), cancellationToken);
            var categories = DownstreamFaults.WithinAsync(budget, services.Catalog.GetCategoriesAsync, cancellationToken);
            await Task.WhenAll(featured, categories);
            return TypedResults.Ok(new HomeScreen(
                [.. (await featured).Items.Select(ToCard)],
                [.. (await categories).Select(category => new CategoryLink(category.Id, category.Slug, category.Name))]));
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            services.Logger.LogWarning(exception, "Catalog could not give the home screen");
            return CatalogUnavailable(services.Context);
        }
    }

    public static async Task<Results<Ok<ProductListScreen>, ValidationProblem, ProblemHttpResult>> GetProductsAsync(
        [AsParameters] CatalogScreenServices services,
        [Description("The nextCursor of the previous page; omit for the first page.")] string? cursor,
        [Description("Products per page (Catalog's default when omitted).")] int? pageSize,
        [Description("Only this category's products.")] int? categoryId,
        [Description("Search words; results come by relevance.")] string? q,
        CancellationToken cancellationToken)
    {
        try
        {
            var page = await DownstreamFaults.WithinAsync(
                services.Timeouts.Value.Catalog,
                token => services.Catalog.GetProductsAsync(cursor, pageSize, categoryId, q, token),
                cancellationToken);
            return TypedResults.Ok(new ProductListScreen([.. page.Items.Select(ToCard)], page.NextCursor));
        }
        catch (ApiException refused) when (refused.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            // Catalog judges its own query (cursor, page size); its field errors are the customer's to fix.
            var problem = await refused.GetContentAsAsync<HttpValidationProblemDetails>();
            return TypedResults.ValidationProblem(
                problem?.Errors ?? new Dictionary<string, string[]>(),
                detail: problem?.Detail,
                title: problem?.Title ?? "The search is not valid");
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            services.Logger.LogWarning(exception, "Catalog could not give a product list");
            return CatalogUnavailable(services.Context);
        }
    }

    public static async Task<Results<Ok<ProductScreen>, NotFound, ProblemHttpResult>> GetProductAsync(
        [AsParameters] CatalogScreenServices services,
        ProductDetailAggregator aggregator,
        [Description("The product's catalog id.")] int id,
        CancellationToken cancellationToken)
    {
        switch (await aggregator.GetAsync(id, cancellationToken))
        {
            case ProductScreenOutcome.Found found:
                if (found.Screen.Degraded.Count > 0)
                {
                    // A fallback is for this moment only: the next customer should get the full screen as soon as it can be had.
                    services.Context.Features.Get<IOutputCacheFeature>()?.Context.AllowCacheStorage = false;
                }

                return TypedResults.Ok(found.Screen);
            case ProductScreenOutcome.NoSuchProduct:
                return TypedResults.NotFound();
            default:
                return CatalogUnavailable(services.Context);
        }
    }

    private static ProductCard ToCard(ProductDto product) =>
        new(product.Id, product.Name, product.CategoryName, product.Price, product.Currency, product.ImageUrl);

    internal static ProblemHttpResult CatalogUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = CatalogRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The catalog is unavailable",
            detail: "Products cannot be shown right now; retry after the number of seconds in Retry-After.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.6.4");
    }
}

/// <summary>What every catalog screen needs.</summary>
public sealed record CatalogScreenServices(
    HttpContext Context,
    ICatalogApi Catalog,
    IOptions<BffTimeouts> Timeouts,
    ILogger<CatalogScreenServices> Logger);
