using Commerce.Bff.Mobile.Client;
using Commerce.Bff.Mobile.Edge;
using Commerce.Bff.Shared;

namespace Commerce.Bff.Mobile.Screens;

/// <summary>A priced cart (the shared pricing) in the phone's shape: thumbnails, stock states, absent lists left out.</summary>
internal static class CartViews
{
    public static IReadOnlyList<CartQuantity> QuantitiesOf(IReadOnlyList<CartItem> items) =>
        [.. items.Select(item => new CartQuantity(item.ProductId, item.Quantity))];

    public static CartScreen ScreenOf(PricedCart cart) => new(
        [.. cart.Lines.Select(line => new CartLine(
            line.Product.Id,
            line.Product.Name,
            ProductImageProxy.UrlFor(line.Product.Id, MobileImageSizes.Thumbnail),
            line.Product.Price,
            line.Quantity,
            line.LineTotal,
            line.Availability.Status))],
        cart.UnknownProductIds.Count > 0 ? cart.UnknownProductIds : null,
        cart.Currency,
        cart.Total,
        cart.Degraded.Count > 0 ? [.. cart.Degraded.Select(CatalogScreens.DegradedPartOf)] : null);
}
