using Commerce.Bff.Web.Client.Screens;
using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Shipping.Contracts;
using Microsoft.Extensions.Options;

namespace Commerce.Bff.Web.Aggregation;

/// <summary>What the product screen came to: the screen, no such product, or no Catalog to ask.</summary>
public abstract record ProductScreenOutcome
{
    public sealed record Found(ProductScreen Screen) : ProductScreenOutcome;

    public sealed record NoSuchProduct : ProductScreenOutcome;

    public sealed record CatalogUnavailable : ProductScreenOutcome;
}

/// <summary>
/// The product screen from three services asked at once: Catalog (the product: critical), Inventory (availability)
/// and Shipping (an estimate). The screen takes as long as the slowest part within its budget, never their sum.
/// </summary>
public sealed class ProductDetailAggregator(
    ICatalogApi catalog,
    IInventoryApi inventory,
    IShippingApi shipping,
    IOptions<BffTimeouts> timeouts,
    ILogger<ProductDetailAggregator> logger)
{
    public const string AvailabilityPart = "availability";
    public const string ShippingEstimatePart = "shippingEstimate";

    /// <summary>The estimate is for the warehouse's own zone: the customer's address is not known on a product page.</summary>
    private static readonly ShippingAddress DomesticEstimateAddress = new("Estimate", "1 Main Street", null, "Springfield", "94105", "US");

    public async Task<ProductScreenOutcome> GetAsync(int productId, CancellationToken cancellationToken)
    {
        // Whatever is still running once the screen is decided (a 404 or a 503) is of no use to anyone.
        using var screen = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budgets = timeouts.Value;
        var product = DownstreamFaults.WithinAsync(budgets.Catalog, token => catalog.GetProductAsync(productId, token), screen.Token);
        var availability = DownstreamFaults.NonCriticalAsync(AvailabilityPart, budgets.Availability, token => GetAvailabilityAsync(productId, token), logger, screen.Token);
        var estimate = DownstreamFaults.NonCriticalAsync(ShippingEstimatePart, budgets.ShippingEstimate, token => GetShippingEstimateAsync(productId, token), logger, screen.Token);
        try
        {
            var found = await product;
            if (found.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return new ProductScreenOutcome.NoSuchProduct();
            }

            if (!found.IsSuccessStatusCode || found.Content is not { } dto)
            {
                logger.LogWarning(found.Error, "Catalog answered {StatusCode} for product {ProductId}", found.StatusCode, productId);
                return new ProductScreenOutcome.CatalogUnavailable();
            }

            var (stock, stockFailed) = await availability;
            var (quote, quoteFailed) = await estimate;
            List<string> degraded = [.. stockFailed ? [AvailabilityPart] : Array.Empty<string>(), .. quoteFailed ? [ShippingEstimatePart] : Array.Empty<string>()];
            return new ProductScreenOutcome.Found(new ProductScreen(
                dto.Id,
                dto.Sku,
                dto.Name,
                dto.Description,
                dto.CategoryId,
                dto.CategoryName,
                dto.Price,
                dto.Currency,
                ProductImages.UrlFor(dto.Id),
                stock ?? Availability.Unknown,
                quote,
                degraded));
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not give product {ProductId}", productId);
            return new ProductScreenOutcome.CatalogUnavailable();
        }
        finally
        {
            await screen.CancelAsync();
        }
    }

    private async Task<Availability> GetAvailabilityAsync(int productId, CancellationToken cancellationToken)
    {
        var levels = await inventory.GetStockLevelsAsync([productId], cancellationToken);
        return AvailabilityLevels.Of(levels.Single(level => level.ProductId == productId).Available);
    }

    private async Task<ShippingEstimate> GetShippingEstimateAsync(int productId, CancellationToken cancellationToken)
    {
        var response = await shipping.QuoteAsync(new QuoteRequest(DomesticEstimateAddress, [new ShipmentLine(productId, 1)]), cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content is not { } quote)
        {
            throw new HttpRequestException($"Shipping answered {response.StatusCode} to a quote", response.Error, response.StatusCode);
        }

        return new ShippingEstimate(quote.Price, quote.Currency, quote.EstimatedDeliveryDays);
    }
}
