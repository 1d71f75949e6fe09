using Commerce.Catalog.Contracts;
using Commerce.Ordering.Contracts;

namespace Commerce.Ordering.Api.Domain;

/// <summary>An order's lines with Catalog's names and prices, in one currency, and what they add up to.</summary>
public sealed record PricedOrder(IReadOnlyList<OrderLine> Lines, string Currency, decimal Total);

/// <summary>The outcome of pricing: exactly one of the three is set.</summary>
public sealed record Pricing(PricedOrder? Order, IReadOnlyList<int> UnknownProductIds, IReadOnlyList<string> Currencies);

/// <summary>Prices an order from the catalog's products alone: whatever the client sent besides ids and quantities plays no part.</summary>
public static class OrderPricing
{
    public static Pricing Price(IReadOnlyList<PlaceOrderLine> lines, IReadOnlyList<ProductDto> products)
    {
        var byId = products.ToDictionary(product => product.Id);
        var unknown = lines.Select(line => line.ProductId).Where(id => !byId.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            return new(null, unknown, []);
        }

        var currencies = lines.Select(line => byId[line.ProductId].Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count != 1)
        {
            return new(null, [], currencies);
        }

        var priced = lines
            .Select(line => new OrderLine(line.ProductId, byId[line.ProductId].Name, byId[line.ProductId].Price, line.Quantity))
            .ToList();
        return new(new PricedOrder(priced, currencies[0], priced.Sum(line => line.UnitPrice * line.Quantity)), [], currencies);
    }
}
