using Commerce.Bff.Mobile.Client;
using Commerce.Bff.Mobile.Edge;
using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Microsoft.Extensions.Options;

namespace Commerce.Bff.Mobile.Screens;

/// <summary>What pricing a cart came to: the priced cart, products in more than one currency, or no Catalog to ask.</summary>
public abstract record CartPricingOutcome
{
    public sealed record Priced(CartScreen Cart) : CartPricingOutcome;

    public sealed record MixedCurrencies(IReadOnlyList<string> Currencies) : CartPricingOutcome;

    public sealed record CatalogUnavailable : CartPricingOutcome;
}

/// <summary>
/// A cart priced now with Catalog's prices (critical) and Inventory's stock (not: lines say <c>unknown</c>) asked at
/// once. The phone sends ids and quantities only, so what it believes a product costs cannot be used.
/// </summary>
public sealed class CartPricing(ICatalogApi catalog, IInventoryApi inventory, IOptions<MobileTimeouts> timeouts, ILogger<CartPricing> logger)
{
    public async Task<CartPricingOutcome> PriceAsync(IReadOnlyList<CartItem> items, CancellationToken cancellationToken)
    {
        using var pricing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budgets = timeouts.Value;
        var productIds = items.Select(item => item.ProductId).ToArray();
        var products = Downstream.WithinAsync(budgets.Catalog, token => catalog.GetProductsByIdsAsync(productIds, token), pricing.Token);
        var stock = Downstream.OptionalAsync(
            DegradedParts.Availability, budgets.Availability, token => inventory.GetStockLevelsAsync(productIds, token), logger, pricing.Token);
        try
        {
            var sold = (await products).ToDictionary(product => product.Id);
            var currencies = sold.Values.Select(product => product.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (currencies.Count > 1)
            {
                return new CartPricingOutcome.MixedCurrencies(currencies);
            }

            var levels = await stock;
            var available = levels?.ToDictionary(level => level.ProductId, level => level.Available);
            var lines = items.Where(item => sold.ContainsKey(item.ProductId)).Select(item => LineOf(sold[item.ProductId], item.Quantity, available)).ToList();
            var gone = productIds.Where(productId => !sold.ContainsKey(productId)).ToList();
            return new CartPricingOutcome.Priced(new CartScreen(
                lines,
                gone.Count > 0 ? gone : null,
                currencies.SingleOrDefault() ?? "",
                lines.Sum(line => line.Total),
                levels is null ? [DegradedParts.Availability] : null));
        }
        catch (Exception exception) when (Downstream.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not price a cart of {Count} products", productIds.Length);
            return new CartPricingOutcome.CatalogUnavailable();
        }
        finally
        {
            await pricing.CancelAsync();
        }
    }

    private static CartLine LineOf(ProductDto product, int quantity, Dictionary<int, int>? available) => new(
        product.Id,
        product.Name,
        ProductImageProxy.UrlFor(product.Id, MobileImageSizes.Thumbnail),
        product.Price,
        quantity,
        product.Price * quantity,
        available?.TryGetValue(product.Id, out var units) == true ? Stock.Of(units).State : StockStates.Unknown);
}
