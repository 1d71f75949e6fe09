using Commerce.Bff.Mobile.Client;
using Commerce.Bff.Mobile.Edge;
using Commerce.Bff.Shared;
using Commerce.Catalog.Contracts;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Mobile.Screens;

/// <summary>
/// The catalog screens in the phone's shapes. Catalog is critical (no product, no screen); the product screen's
/// availability and delivery estimate come from the shared aggregation, which asks for them at the same time and lets
/// the screen go without them.
/// </summary>
public sealed class CatalogScreens(
    ICatalogApi catalog,
    ProductDetailAggregator products,
    IOptions<BffTimeouts> timeouts,
    ILogger<CatalogScreens> logger)
{
    /// <summary>Two rows of a phone's two-column grid, and a third half-seen: enough to invite scrolling.</summary>
    public const int FeaturedCount = 6;

    /// <summary>A page of a browse or search: a few screens' worth of tiles, so scrolling asks rarely.</summary>
    public const int PageSize = 20;

    private const string CatalogService = "Catalog";

    public async Task<ScreenRead<HomeScreen>> GetHomeAsync(CancellationToken cancellationToken)
    {
        var budget = timeouts.Value.Catalog;
        try
        {
            var featured = DownstreamFaults.WithinAsync(budget, token => catalog.GetProductsAsync(pageSize: FeaturedCount, cancellationToken: token), cancellationToken);
            var categories = DownstreamFaults.WithinAsync(budget, catalog.GetCategoriesAsync, cancellationToken);
            await Task.WhenAll(featured, categories);
            return new ScreenRead<HomeScreen>.Shown(new HomeScreen(
                [.. (await featured).Items.Select(TileOf)],
                [.. (await categories).Select(category => new CategoryChip(category.Id, category.Name))]));
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not give the home screen");
            return new ScreenRead<HomeScreen>.Unavailable(CatalogService);
        }
    }

    public async Task<ScreenRead<SearchPage>> SearchAsync(Apis.SearchQuery query, CancellationToken cancellationToken)
    {
        try
        {
            var page = await DownstreamFaults.WithinAsync(
                timeouts.Value.Catalog,
                token => catalog.GetProductsAsync(query.Cursor, PageSize, query.CategoryId, query.Q, token),
                cancellationToken);
            return new ScreenRead<SearchPage>.Shown(new SearchPage([.. page.Items.Select(TileOf)], page.NextCursor));
        }
        catch (ApiException refused) when (refused.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            // Catalog judges its own cursors (one from another listing, one tampered with): the app's to drop.
            var problem = await refused.GetContentAsAsync<HttpValidationProblemDetails>();
            return new ScreenRead<SearchPage>.Invalid(problem?.Errors ?? new Dictionary<string, string[]>(), problem?.Title ?? "The search is not valid");
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not give a search page");
            return new ScreenRead<SearchPage>.Unavailable(CatalogService);
        }
    }

    public async Task<ScreenRead<ProductScreen>> GetProductAsync(int productId, CancellationToken cancellationToken) =>
        await products.GetAsync(productId, cancellationToken) switch
        {
            ProductDetailOutcome.Found { Detail: var detail } => new ScreenRead<ProductScreen>.Shown(ScreenOf(detail)),
            ProductDetailOutcome.NoSuchProduct => new ScreenRead<ProductScreen>.Missing(),
            _ => new ScreenRead<ProductScreen>.Unavailable(CatalogService),
        };

    private static ProductScreen ScreenOf(ProductDetail detail)
    {
        var product = detail.Product;
        var availability = detail.Availability;
        return new ProductScreen(
            product.Id,
            product.Name,
            product.Description,
            product.CategoryName,
            product.Price,
            product.Currency,
            ProductImageProxy.UrlFor(product.Id, MobileImageSizes.Detail),
            availability.Status,
            // How few only when that is worth saying: a phone shows "3 left", never "120 left".
            availability.Status == AvailabilityLevel.LowStock ? availability.Available : null,
            detail.ShippingEstimate is { } quote ? new DeliveryEstimate(quote.Price, quote.EstimatedDeliveryDays) : null,
            detail.Degraded.Count > 0 ? [.. detail.Degraded.Select(DegradedPartOf)] : null);
    }

    /// <summary>The shared aggregation's name of a part as the app's contract names it (<see cref="DegradedParts"/>).</summary>
    internal static string DegradedPartOf(string part) => part switch
    {
        ProductDetailAggregator.ShippingEstimatePart => DegradedParts.Delivery,
        ProductDetailAggregator.AvailabilityPart => DegradedParts.Availability,
        _ => part,
    };

    private static ProductTile TileOf(ProductDto product) =>
        new(product.Id, product.Name, product.Price, product.Currency, ProductImageProxy.UrlFor(product.Id, MobileImageSizes.Tile));
}
