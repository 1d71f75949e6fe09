using Commerce.Catalog.Contracts;

namespace Commerce.Bff.Mobile.Tests;

public static class CatalogPrices
{
    /// <summary>Raises a product's price in Catalog, as a merchandiser would; returns the price it had.</summary>
    public static async Task<decimal> RaisePriceAsync(this Downstream downstream, int productId, decimal by)
    {
        var catalog = downstream.CatalogClient();
        var price = (await catalog.GetProductAsync(productId, TestContext.Current.CancellationToken)).Content!.Price;
        var changed = await catalog.ChangePriceAsync(productId, new ChangePriceRequest(price + by), TestContext.Current.CancellationToken);
        Assert.True(changed.IsSuccessStatusCode, $"Catalog refused the price change: {(int)changed.StatusCode} {changed.ErrorBody()}");
        return price;
    }
}
