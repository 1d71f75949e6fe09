using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Bench.Load;
using Commerce.Bench.Raw;

namespace Commerce.Bench.Http;

/// <summary>The requests each HTTP row sends, the Commerce side and its raw baseline asking for the same things.</summary>
internal static class HttpTargets
{
    /// <summary>The demo catalog's ids (1–240): every request asks for the next product, so no two in a row are alike.</summary>
    public const int ProductCount = 240;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static IEnumerable<int> ProductIds => Enumerable.Range(1, ProductCount);

    public static LoadTarget CatalogProduct(Uri catalog) =>
        new("Catalog `GET /products/{id}`", catalog, [.. ProductIds.Select(id => Get($"/products/{id}"))]);

    public static LoadTarget RawProduct(Uri rawCatalog) =>
        new("raw catalog `GET /products/{id}`", rawCatalog, [.. ProductIds.Select(id => Get($"/products/{id}"))]);

    public static LoadTarget BffProductPage(Uri bff) =>
        new("web BFF `GET /api/products/{id}`", bff, [.. ProductIds.Select(id => Get($"/api/products/{id}"))]);

    public static LoadTarget RawFanOut(Uri rawFanOut) =>
        new("raw fan-out `GET /products/{id}`", rawFanOut, [.. ProductIds.Select(id => Get($"/products/{id}"))]);

    // The page's other two downstream calls, as ProductDetailAggregator makes them.
    public static LoadTarget InventoryStock(Uri inventory) =>
        new("Inventory `GET /stock?productIds={id}`", inventory, [.. ProductIds.Select(id => Get($"/stock?productIds={id}"))]);

    public static LoadTarget ShippingQuote(Uri shipping) =>
        new("Shipping `POST /quotes`", shipping,
            [.. ProductIds.Select(id => new LoadRequest(HttpMethod.Post, "/quotes", JsonSerializer.Serialize(Raw.RawFanOut.QuoteFor(id), Json)))]);

    /// <summary>
    /// Every 20-product page of the catalog by name, each Catalog page and the raw page at the same position
    /// holding the same ids (checked here), so both rows walk the same keyset pages.
    /// </summary>
    public static async Task<(LoadTarget Catalog, LoadTarget Raw)> ListPagesAsync(Uri catalog, Uri rawCatalog)
    {
        using var http = new HttpClient();
        var catalogPages = new List<(string Path, int[] Ids)>();
        for (var path = $"/products?pageSize={RawCatalog.PageSize}"; path is not null;)
        {
            var page = await http.GetFromJsonAsync<JsonElement>(new Uri(catalog, path));
            catalogPages.Add((path, Ids(page.GetProperty("items"))));
            path = page.GetProperty("nextCursor") is { ValueKind: JsonValueKind.String } cursor
                ? $"/products?pageSize={RawCatalog.PageSize}&cursor={Uri.EscapeDataString(cursor.GetString()!)}"
                : null;
        }

        var rawPages = new List<(string Path, int[] Ids)>();
        for (var path = "/products"; path is not null;)
        {
            var page = await http.GetFromJsonAsync<JsonElement>(new Uri(rawCatalog, path));
            rawPages.Add((path, Ids(page.GetProperty("products"))));
            path = page.GetProperty("next") is { ValueKind: JsonValueKind.Object } next
                ? $"/products?afterName={Uri.EscapeDataString(next.GetProperty("afterName").GetString()!)}&afterId={next.GetProperty("afterId").GetInt32()}"
                : null;
        }

        var same = catalogPages.Count == rawPages.Count && catalogPages.Zip(rawPages).All(pair => pair.First.Ids.SequenceEqual(pair.Second.Ids));
        if (!same || catalogPages.Count == 0)
        {
            throw new InvalidOperationException($"Catalog listed {catalogPages.Count} pages and the raw catalog {rawPages.Count}, not the same products page by page.");
        }

        return (
            new LoadTarget($"Catalog `GET /products` ({catalogPages.Count} keyset pages of {RawCatalog.PageSize})", catalog, [.. catalogPages.Select(page => Get(page.Path))]),
            new LoadTarget($"raw catalog `GET /products` (the same {rawPages.Count} pages)", rawCatalog, [.. rawPages.Select(page => Get(page.Path))]));
    }

    private static LoadRequest Get(string path) => new(HttpMethod.Get, path);

    private static int[] Ids(JsonElement products) => [.. products.EnumerateArray().Select(product => product.GetProperty("id").GetInt32())];
}
