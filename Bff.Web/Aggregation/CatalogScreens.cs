using Commerce.Bff.Shared;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Catalog.Contracts;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Web.Aggregation;

/// <summary>
/// The catalog screens, shaped once for both of their readers: the <c>/api</c> endpoints (JSON for the WebAssembly
/// parts) and the server-rendered pages, which call this in-process rather than over HTTP.
/// </summary>
public sealed class CatalogScreens(
    ICatalogApi catalog,
    ProductDetailAggregator products,
    IMemoryCache cache,
    IOptions<BffTimeouts> timeouts,
    IOptions<BffLimits> limits,
    ILogger<CatalogScreens> logger)
{
    /// <summary>How many products the home screen features.</summary>
    public const int FeaturedCount = 8;

    private const string CategoriesCacheKey = "catalog-categories";

    public async Task<CatalogRead<HomeScreen>> GetHomeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var featured = DownstreamFaults.WithinAsync(
                timeouts.Value.Catalog, token => catalog.GetProductsAsync(pageSize: FeaturedCount, cancellationToken: token), cancellationToken);
            var categories = GetCategoriesAsync(cancellationToken);
            await Task.WhenAll(featured, categories);
            return new CatalogRead<HomeScreen>.Shown(new HomeScreen([.. (await featured).Items.Select(ToCard)], await categories));
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not give the home screen");
            return new CatalogRead<HomeScreen>.CatalogUnavailable();
        }
    }

    public async Task<CatalogRead<ProductListScreen>> GetProductsAsync(ProductListQuery query, CancellationToken cancellationToken)
    {
        try
        {
            var page = await DownstreamFaults.WithinAsync(
                timeouts.Value.Catalog,
                token => catalog.GetProductsAsync(query.Cursor, query.PageSize, query.CategoryId, query.Q, token),
                cancellationToken);
            return new CatalogRead<ProductListScreen>.Shown(new ProductListScreen([.. page.Items.Select(ToCard)], page.NextCursor));
        }
        catch (ApiException refused) when (refused.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            // Catalog judges its own query (cursor, page size); its field errors are the customer's to fix.
            var problem = await refused.GetContentAsAsync<HttpValidationProblemDetails>();
            return new CatalogRead<ProductListScreen>.QueryRefused(problem ?? new HttpValidationProblemDetails { Title = "The search is not valid" });
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not give a product list");
            return new CatalogRead<ProductListScreen>.CatalogUnavailable();
        }
    }

    public async Task<ProductScreenOutcome> GetProductAsync(int productId, CancellationToken cancellationToken) =>
        CatalogViews.ToOutcome(await products.GetAsync(productId, cancellationToken));

    /// <summary>
    /// Every category, kept as long as an anonymous catalog read is cached: every page's header lists them, and they
    /// change far more rarely than a page is served. A failure is not kept, so the next page asks again.
    /// </summary>
    public async Task<IReadOnlyList<CategoryLink>> GetCategoriesAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(CategoriesCacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = limits.Value.CatalogCacheDuration;
            var categories = await DownstreamFaults.WithinAsync(timeouts.Value.Catalog, catalog.GetCategoriesAsync, cancellationToken);
            return (IReadOnlyList<CategoryLink>)[.. categories.Select(category => new CategoryLink(category.Id, category.Slug, category.Name))];
        }) ?? [];

    /// <summary>The categories for a page's navigation: none, quietly, when Catalog cannot say; the page itself decides about Catalog.</summary>
    public async Task<IReadOnlyList<CategoryLink>> GetCategoriesForNavigationAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await GetCategoriesAsync(cancellationToken);
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "A page goes without its category navigation");
            return [];
        }
    }

    private static ProductCard ToCard(ProductDto product) =>
        new(product.Id, product.Name, product.CategoryName, product.Price, product.Currency, ProductImages.UrlFor(product.Id));
}

/// <summary>One page of a browse or search, as Catalog takes it.</summary>
public sealed record ProductListQuery(string? Cursor = null, int? PageSize = null, int? CategoryId = null, string? Q = null);
