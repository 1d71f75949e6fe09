using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Shipping.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Bff.Shared;

/// <summary>
/// A product with what the services could add to it in time. <see cref="ShippingEstimate"/> is one unit shipped
/// domestically (null when Shipping did not answer); <see cref="Degraded"/> names the parts that fell back
/// (<see cref="ProductDetailAggregator.AvailabilityPart"/>, <see cref="ProductDetailAggregator.ShippingEstimatePart"/>).
/// </summary>
public sealed record ProductDetail(ProductDto Product, AvailabilityLevel Availability, ShippingQuote? ShippingEstimate, IReadOnlyList<string> Degraded);

/// <summary>What a product screen came to: the product, no such product, or no Catalog to ask.</summary>
public abstract record ProductDetailOutcome
{
    public sealed record Found(ProductDetail Detail) : ProductDetailOutcome;

    public sealed record NoSuchProduct : ProductDetailOutcome;

    public sealed record CatalogUnavailable : ProductDetailOutcome;
}

/// <summary>
/// A product screen's data from three services asked at once: Catalog (the product: critical), Inventory (availability)
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

    public async Task<ProductDetailOutcome> GetAsync(int productId, CancellationToken cancellationToken)
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
                return new ProductDetailOutcome.NoSuchProduct();
            }

            if (!found.IsSuccessStatusCode || found.Content is not { } dto)
            {
                logger.LogWarning(found.Error, "Catalog answered {StatusCode} for product {ProductId}", found.StatusCode, productId);
                return new ProductDetailOutcome.CatalogUnavailable();
            }

            var (stock, stockFailed) = await availability;
            var (quote, quoteFailed) = await estimate;
            List<string> degraded = [.. stockFailed ? [AvailabilityPart] : Array.Empty<string>(), .. quoteFailed ? [ShippingEstimatePart] : Array.Empty<string>()];
            return new ProductDetailOutcome.Found(new ProductDetail(dto, stock ?? AvailabilityLevel.Unknown, quote, degraded));
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not give product {ProductId}", productId);
            return new ProductDetailOutcome.CatalogUnavailable();
        }
        finally
        {
            await screen.CancelAsync();
        }
    }

    private async Task<AvailabilityLevel> GetAvailabilityAsync(int productId, CancellationToken cancellationToken)
    {
        var levels = await inventory.GetStockLevelsAsync([productId], cancellationToken);
        return AvailabilityLevel.Of(levels.Single(level => level.ProductId == productId).Available);
    }

    private async Task<ShippingQuote> GetShippingEstimateAsync(int productId, CancellationToken cancellationToken)
    {
        var response = await shipping.QuoteAsync(new QuoteRequest(DomesticEstimateAddress, [new ShipmentLine(productId, 1)]), cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content is not { } quote)
        {
            throw new HttpRequestException($"Shipping answered {response.StatusCode} to a quote", response.Error, response.StatusCode);
        }

        return quote;
    }
}
