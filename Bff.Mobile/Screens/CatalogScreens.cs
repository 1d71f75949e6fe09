using Commerce.Bff.Mobile.Client;
using Commerce.Bff.Mobile.Edge;
using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Shipping.Contracts;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Mobile.Screens;

/// <summary>
/// The catalog screens. Catalog is critical (no product, no screen); availability and the delivery estimate are not,
/// and are asked at the same time, so a product screen takes as long as its slowest part within budget, never the sum.
/// </summary>
public sealed class CatalogScreens(
    ICatalogApi catalog,
    IInventoryApi inventory,
    IShippingApi shipping,
    IOptions<MobileTimeouts> timeouts,
    ILogger<CatalogScreens> logger)
{
    /// <summary>Two rows of a phone's two-column grid, and a third half-seen: enough to invite scrolling.</summary>
    public const int FeaturedCount = 6;

    /// <summary>A page of a browse or search: a few screens' worth of tiles, so scrolling asks rarely.</summary>
    public const int PageSize = 20;

    private const string CatalogService = "Catalog";

    /// <summary>The estimate is for the warehouse's own zone: a product screen knows no address yet.</summary>
    private static readonly ShippingAddress DomesticEstimateAddress = new("Estimate", "1 Main Street", null, "Springfield", "94105", "US");

    public async Task<ScreenRead<HomeScreen>> GetHomeAsync(CancellationToken cancellationToken)
    {
        var budget = timeouts.Value.Catalog;
        try
        {
            var featured = Downstream.WithinAsync(budget, token => catalog.GetProductsAsync(pageSize: FeaturedCount, cancellationToken: token), cancellationToken);
            var categories = Downstream.WithinAsync(budget, catalog.GetCategoriesAsync, cancellationToken);
            await Task.WhenAll(featured, categories);
            return new ScreenRead<HomeScreen>.Shown(new HomeScreen(
                [.. (await featured).Items.Select(TileOf)],
                [.. (await categories).Select(category => new CategoryChip(category.Id, category.Name))]));
        }
        catch (Exception exception) when (Downstream.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not give the home screen");
            return new ScreenRead<HomeScreen>.Unavailable(CatalogService);
        }
    }

    public async Task<ScreenRead<SearchPage>> SearchAsync(Apis.SearchQuery query, CancellationToken cancellationToken)
    {
        try
        {
            var page = await Downstream.WithinAsync(
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
        catch (Exception exception) when (Downstream.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not give a search page");
            return new ScreenRead<SearchPage>.Unavailable(CatalogService);
        }
    }

    public async Task<ScreenRead<ProductScreen>> GetProductAsync(int productId, CancellationToken cancellationToken)
    {
        // Whatever is still running once the screen is decided (a 404 or a 503) is of no use to anyone.
        using var screen = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budgets = timeouts.Value;
        var product = Downstream.WithinAsync(budgets.Catalog, token => catalog.GetProductAsync(productId, token), screen.Token);
        var stock = Downstream.OptionalAsync(
            DegradedParts.Availability, budgets.Availability, token => inventory.GetStockLevelsAsync([productId], token), logger, screen.Token);
        var delivery = Downstream.OptionalAsync(
            DegradedParts.Delivery, budgets.Delivery, token => EstimateDeliveryAsync(productId, token), logger, screen.Token);
        try
        {
            var found = await product;
            if (found.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return new ScreenRead<ProductScreen>.Missing();
            }

            if (!found.IsSuccessStatusCode || found.Content is not { } dto)
            {
                logger.LogWarning(found.Error, "Catalog answered {StatusCode} for product {ProductId}", found.StatusCode, productId);
                return new ScreenRead<ProductScreen>.Unavailable(CatalogService);
            }

            var levels = await stock;
            var estimate = await delivery;
            var (state, left) = levels?.SingleOrDefault(level => level.ProductId == productId) is { } level
                ? Stock.Of(level.Available)
                : (StockStates.Unknown, null);
            List<string> degraded = [.. levels is null ? [DegradedParts.Availability] : Array.Empty<string>(), .. estimate is null ? [DegradedParts.Delivery] : Array.Empty<string>()];
            return new ScreenRead<ProductScreen>.Shown(new ProductScreen(
                dto.Id,
                dto.Name,
                dto.Description,
                dto.CategoryName,
                dto.Price,
                dto.Currency,
                ProductImageProxy.UrlFor(dto.Id, MobileImageSizes.Detail),
                state,
                left,
                estimate,
                degraded.Count > 0 ? degraded : null));
        }
        catch (Exception exception) when (Downstream.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not give product {ProductId}", productId);
            return new ScreenRead<ProductScreen>.Unavailable(CatalogService);
        }
        finally
        {
            await screen.CancelAsync();
        }
    }

    private async Task<DeliveryEstimate> EstimateDeliveryAsync(int productId, CancellationToken cancellationToken)
    {
        var response = await shipping.QuoteAsync(new QuoteRequest(DomesticEstimateAddress, [new ShipmentLine(productId, 1)]), cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content is not { } quote)
        {
            // Whatever Shipping objects to, the product screen simply goes without an estimate.
            throw new HttpRequestException($"Shipping answered {response.StatusCode} to an estimate", response.Error, response.StatusCode);
        }

        return new DeliveryEstimate(quote.Price, quote.EstimatedDeliveryDays);
    }

    private static ProductTile TileOf(ProductDto product) =>
        new(product.Id, product.Name, product.Price, product.Currency, ProductImageProxy.UrlFor(product.Id, MobileImageSizes.Tile));
}
