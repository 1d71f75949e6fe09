using Commerce.Bff.Shared;
using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Aggregation;

/// <summary>The shared aggregations' answers in the shapes of the storefront's product and cart screens: renaming only, no rules.</summary>
internal static class CatalogViews
{
    public static Availability ToAvailability(AvailabilityLevel level) => new(level.Status, level.Available);

    public static ProductScreenOutcome ToOutcome(ProductDetailOutcome outcome) => outcome switch
    {
        ProductDetailOutcome.Found { Detail: var detail } => new ProductScreenOutcome.Found(ToScreen(detail)),
        ProductDetailOutcome.NoSuchProduct => new ProductScreenOutcome.NoSuchProduct(),
        _ => new ProductScreenOutcome.CatalogUnavailable(),
    };

    public static CartScreen ToScreen(PricedCart cart) => new(
        [.. cart.Lines.Select(line => new CartLine(
            line.Product.Id,
            line.Product.Name,
            ProductImages.UrlFor(line.Product.Id),
            line.Product.Price,
            line.Quantity,
            line.LineTotal,
            ToAvailability(line.Availability)))],
        cart.UnknownProductIds,
        cart.Currency,
        cart.Total,
        cart.Degraded);

    public static IReadOnlyList<CartQuantity> ToQuantities(IReadOnlyList<CartItem> items) =>
        [.. items.Select(item => new CartQuantity(item.ProductId, item.Quantity))];

    private static ProductScreen ToScreen(ProductDetail detail)
    {
        var product = detail.Product;
        var estimate = detail.ShippingEstimate;
        return new ProductScreen(
            product.Id,
            product.Sku,
            product.Name,
            product.Description,
            product.CategoryId,
            product.CategoryName,
            product.Price,
            product.Currency,
            ProductImages.UrlFor(product.Id),
            ToAvailability(detail.Availability),
            estimate is null ? null : new ShippingEstimate(estimate.Price, estimate.Currency, estimate.EstimatedDeliveryDays),
            detail.Degraded);
    }
}
