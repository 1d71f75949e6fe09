using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Bff.Shared;

/// <summary>A product in a customer's cart: ids and quantities only, never prices.</summary>
public sealed record CartQuantity(int ProductId, int Quantity);

/// <summary>One line of a priced cart: Catalog's product, how many, what they cost now, and how available they are.</summary>
public sealed record PricedLine(ProductDto Product, int Quantity, decimal LineTotal, AvailabilityLevel Availability);

/// <summary>
/// A cart priced now. <see cref="UnknownProductIds"/> are items the catalog no longer sells (in the order the cart had
/// them); <see cref="Total"/> is what the order will cost; <see cref="Degraded"/> names parts that fell back
/// (<see cref="CartPricer.AvailabilityPart"/>).
/// </summary>
public sealed record PricedCart(
    IReadOnlyList<PricedLine> Lines,
    IReadOnlyList<int> UnknownProductIds,
    string Currency,
    decimal Total,
    IReadOnlyList<string> Degraded);

/// <summary>What pricing a cart came to: the priced cart, products in more than one currency, or no Catalog to ask.</summary>
public abstract record CartPricingOutcome
{
    public sealed record Priced(PricedCart Cart) : CartPricingOutcome;

    /// <summary>The products are priced in several currencies: no one total (nor one order) can be made of them.</summary>
    public sealed record MixedCurrencies(IReadOnlyList<string> Currencies) : CartPricingOutcome;

    public sealed record CatalogUnavailable : CartPricingOutcome;
}

/// <summary>
/// A cart priced now: Catalog's prices (critical: only Catalog says what a product costs) and Inventory's availability
/// (not critical: the cart shows "unknown" instead) asked at once. Whatever the client believes a product costs is
/// never asked for, so it cannot be used.
/// </summary>
public sealed class CartPricer(
    ICatalogApi catalog,
    IInventoryApi inventory,
    IOptions<BffTimeouts> timeouts,
    ILogger<CartPricer> logger)
{
    public const string AvailabilityPart = ProductDetailAggregator.AvailabilityPart;

    public async Task<CartPricingOutcome> PriceAsync(IReadOnlyList<CartQuantity> items, CancellationToken cancellationToken)
    {
        // Whatever is still running once Catalog has failed the cart is of no use to anyone.
        using var pricing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budgets = timeouts.Value;
        var productIds = items.Select(item => item.ProductId).ToArray();
        var products = DownstreamFaults.WithinAsync(budgets.Catalog, token => catalog.GetProductsByIdsAsync(productIds, token), pricing.Token);
        var stock = DownstreamFaults.NonCriticalAsync(
            AvailabilityPart, budgets.Availability, token => inventory.GetStockLevelsAsync(productIds, token), logger, pricing.Token);
        try
        {
            var sold = (await products).ToDictionary(product => product.Id);
            var currencies = sold.Values.Select(product => product.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (currencies.Count > 1)
            {
                return new CartPricingOutcome.MixedCurrencies(currencies);
            }

            var (levels, stockFailed) = await stock;
            var available = levels?.ToDictionary(level => level.ProductId, level => level.Available);
            var lines = items
                .Where(item => sold.ContainsKey(item.ProductId))
                .Select(item => Line(sold[item.ProductId], item.Quantity, available))
                .ToList();
            return new CartPricingOutcome.Priced(new PricedCart(
                lines,
                [.. items.Select(item => item.ProductId).Where(productId => !sold.ContainsKey(productId))],
                currencies.SingleOrDefault() ?? "",
                lines.Sum(line => line.LineTotal),
                stockFailed ? [AvailabilityPart] : []));
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not price a cart of {Count} products", productIds.Length);
            return new CartPricingOutcome.CatalogUnavailable();
        }
        finally
        {
            await pricing.CancelAsync();
        }
    }

    private static PricedLine Line(ProductDto product, int quantity, Dictionary<int, int>? available) => new(
        product,
        quantity,
        product.Price * quantity,
        available?.TryGetValue(product.Id, out var units) == true ? AvailabilityLevel.Of(units) : AvailabilityLevel.Unknown);
}
