using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Commerce.Bff.Mobile.Client;
using Commerce.Shipping.Contracts;
using DeliveryEstimate = Commerce.Bff.Mobile.Client.DeliveryEstimate;

namespace Commerce.Bff.Mobile.Tests.Apis;

public sealed class CatalogScreenTests(Downstream downstream)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_home_screen_is_catalog_tiles_with_tile_sized_images_and_every_category_in_the_contract_shape()
    {
        await using var bff = new MobileBffFactory(downstream);

        var json = await bff.CreateClient().GetStringAsync("/api/home", Cancellation);

        ContractShape.AssertMatches<HomeScreen>(json);
        var home = System.Text.Json.JsonSerializer.Deserialize<HomeScreen>(json, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.NotEmpty(home.Featured);
        var catalog = downstream.CatalogClient();
        var products = await catalog.GetProductsByIdsAsync(home.Featured.Select(tile => tile.Id), Cancellation);
        Assert.Equal(
            products.Select(product => (product.Id, product.Name, product.Price, product.Currency)).Order(),
            home.Featured.Select(tile => (tile.Id, tile.Name, tile.Price, tile.Currency)).Order());
        Assert.All(home.Featured, tile => Assert.Equal($"/images/products/{tile.Id}?w={MobileImageSizes.Tile}", tile.Image));
        Assert.Equal((await catalog.GetCategoriesAsync(Cancellation)).Select(category => (category.Id, category.Name)), home.Categories.Select(chip => (chip.Id, chip.Name)));
    }

    [Fact]
    public async Task A_category_is_browsed_page_by_page_with_next_as_the_cursor_in_the_contract_shape()
    {
        await using var bff = new MobileBffFactory(downstream);
        var client = bff.CreateClient();

        var firstJson = await client.GetStringAsync("/api/products?categoryId=2", Cancellation);
        ContractShape.AssertMatches<SearchPage>(firstJson);
        var first = System.Text.Json.JsonSerializer.Deserialize<SearchPage>(firstJson, System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.NotNull(first.Next);
        var second = (await bff.CreateApi().SearchAsync(categoryId: 2, cursor: first.Next, cancellationToken: Cancellation)).Content!;

        // The demo catalog's category 2 is 30 products: a page, and the rest on the last page, which has no next.
        Assert.Equal(30, first.Items.Count + second.Items.Count);
        Assert.Null(second.Next);
        Assert.Empty(first.Items.Select(tile => tile.Id).Intersect(second.Items.Select(tile => tile.Id)));
        Assert.All(first.Items.Concat(second.Items), tile => Assert.Equal($"/images/products/{tile.Id}?w={MobileImageSizes.Tile}", tile.Image));
    }

    [Fact]
    public async Task A_search_finds_the_products_named_by_its_words()
    {
        await using var bff = new MobileBffFactory(downstream);

        var page = (await bff.CreateApi().SearchAsync(q: "kettlebell", cancellationToken: Cancellation)).Content!;

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, tile => Assert.Contains("Kettlebell", tile.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_product_screen_is_catalog_product_stock_and_delivery_with_a_detail_sized_image_and_nothing_degraded()
    {
        await using var bff = new MobileBffFactory(downstream);

        var json = await bff.CreateClient().GetStringAsync("/api/products/3", Cancellation);

        ContractShape.AssertMatches<ProductScreen>(json);
        Assert.DoesNotContain("\"degraded\"", json, StringComparison.Ordinal);
        var screen = System.Text.Json.JsonSerializer.Deserialize<ProductScreen>(json, System.Text.Json.JsonSerializerOptions.Web)!;
        var product = (await downstream.CatalogClient().GetProductAsync(3, Cancellation)).Content!;
        var stock = (await downstream.InventoryClient().GetStockLevelsAsync([3], Cancellation)).Single();
        var quote = (await downstream.ShippingClient().QuoteAsync(
            new QuoteRequest(new ShippingAddress("Estimate", "1 Main Street", null, "Springfield", "94105", "US"), [new ShipmentLine(3, 1)]), Cancellation)).Content!;
        Assert.Equal((product.Name, product.Description, product.CategoryName, product.Price, product.Currency), (screen.Name, screen.Description, screen.Category, screen.Price, screen.Currency));
        Assert.Equal("/images/products/3?w=" + MobileImageSizes.Detail, screen.Image);
        Assert.Equal(stock.Available <= 0 ? StockStates.OutOfStock : stock.Available < 5 ? StockStates.LowStock : StockStates.InStock, screen.Stock);
        Assert.Equal(new DeliveryEstimate(quote.Price, quote.EstimatedDeliveryDays), screen.Delivery);
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_problem()
    {
        await using var bff = new MobileBffFactory(downstream);

        var response = await bff.CreateClient().GetAsync("/api/products/987654321", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_product_image_is_catalogs_svg_at_the_width_asked_passed_through_the_proxy()
    {
        await using var bff = new MobileBffFactory(downstream);

        var response = await bff.CreateClient().GetAsync($"/images/products/1?w={MobileImageSizes.Tile}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var image = await response.Content.ReadAsStringAsync(Cancellation);
        var fromCatalog = await downstream.Catalog.CreateClient().GetStringAsync($"/products/1/image?w={MobileImageSizes.Tile}", Cancellation);
        Assert.Equal(fromCatalog, image);
        Assert.Contains($"width=\"{MobileImageSizes.Tile}\"", image, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_screen_comes_compressed_to_a_client_that_accepts_the_encoding(string encoding)
    {
        await using var bff = new MobileBffFactory(downstream);
        var client = bff.CreateClient();
        var plain = await client.GetByteArrayAsync("/api/products?categoryId=3", Cancellation);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products?categoryId=3");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        using var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync(Cancellation);
        Assert.True(compressed.Length < plain.Length, $"{encoding}: {compressed.Length} bytes for {plain.Length} plain");
        await using Stream decoder = encoding == "br"
            ? new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded, Cancellation);
        Assert.Equal(plain, decoded.ToArray());
    }
}
