using System.Text.Json;
using Commerce.Shipping.Contracts;

namespace Commerce.Bench.BffProductPage;

/// <summary>One kind of request the load is made of, for each of the demo catalog's products in turn.</summary>
internal sealed record LoadTarget(string Name, Uri BaseAddress, HttpMethod Method, Func<int, string> PathFor, Func<int, string?> JsonBodyFor)
{
    /// <summary>The demo catalog's ids (1–240): every request asks for the next product, so no two in a row are alike.</summary>
    public const int ProductCount = 240;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The address ProductDetailAggregator quotes a product page's shipping estimate for.</summary>
    private static readonly ShippingAddress EstimateAddress = new("Estimate", "1 Main Street", null, "Springfield", "94105", "US");

    public static IEnumerable<int> ProductIds => Enumerable.Range(1, ProductCount);

    public static LoadTarget BffProductPage(Uri bff) =>
        new("BFF `GET /api/products/{id}`", bff, HttpMethod.Get, id => $"/api/products/{id}", _ => null);

    public static LoadTarget BareFanOut(Uri bare) =>
        new("bare fan-out `GET /products/{id}`", bare, HttpMethod.Get, id => $"/products/{id}", _ => null);

    // The three calls ProductDetailAggregator makes, as it makes them.
    public static LoadTarget CatalogProduct(Uri catalog) =>
        new("Catalog `GET /products/{id}`", catalog, HttpMethod.Get, id => $"/products/{id}", _ => null);

    public static LoadTarget InventoryStock(Uri inventory) =>
        new("Inventory `GET /stock?productIds={id}`", inventory, HttpMethod.Get, id => $"/stock?productIds={id}", _ => null);

    public static LoadTarget ShippingQuote(Uri shipping) =>
        new("Shipping `POST /quotes`", shipping, HttpMethod.Post, _ => "/quotes", id => QuoteJson(id));

    public static QuoteRequest Quote(int productId) => new(EstimateAddress, [new ShipmentLine(productId, 1)]);

    public HttpRequestMessage RequestFor(int productId) => new(Method, new Uri(BaseAddress, PathFor(productId)))
    {
        Content = JsonBodyFor(productId) is { } body ? new StringContent(body, System.Text.Encoding.UTF8, "application/json") : null,
    };

    private static string QuoteJson(int productId) => JsonSerializer.Serialize(Quote(productId), Json);
}
