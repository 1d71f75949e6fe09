using System.Net;
using System.Net.Http.Json;
using Commerce.Catalog.Api.Domain;
using Commerce.Catalog.Contracts;
using Commerce.Testing;
using Refit;

namespace Commerce.Catalog.Tests.Apis;

public sealed class ProductsApiTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly ICatalogApi _catalog = RestService.For<ICatalogApi>(factory.CreateClient());
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Walking_every_page_returns_each_product_exactly_once_in_name_order()
    {
        var products = await WalkAsync(cursor => _catalog.GetProductsAsync(cursor, pageSize: 7, cancellationToken: Cancellation));

        Assert.Equal(DemoCatalog.Products.Select(p => p.Id).Order(), products.Select(p => p.Id).Order());
        Assert.Equal(
            products.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id).Select(p => p.Id),
            products.Select(p => p.Id));
    }

    [Fact]
    public async Task Walking_a_category_returns_all_of_its_products_and_nothing_else()
    {
        var category = DemoCatalog.Categories[2];

        var products = await WalkAsync(cursor => _catalog.GetProductsAsync(cursor, pageSize: 8, categoryId: category.Id, cancellationToken: Cancellation));

        Assert.Equal(
            DemoCatalog.Products.Where(p => p.CategoryId == category.Id).Select(p => p.Id).Order(),
            products.Select(p => p.Id).Order());
        Assert.All(products, product => Assert.Equal(category.Name, product.CategoryName));
    }

    [Fact]
    public async Task The_last_page_has_no_next_cursor()
    {
        var page = await _catalog.GetProductsAsync(pageSize: 100, categoryId: 1, cancellationToken: Cancellation);

        Assert.Equal(30, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Search_finds_products_by_words_of_their_names()
    {
        var page = await _catalog.GetProductsAsync(q: "kettlebell", cancellationToken: Cancellation);

        Assert.Equal(
            DemoCatalog.Products.Where(p => p.Name.EndsWith("Kettlebell", StringComparison.Ordinal)).Select(p => p.Id).Order(),
            page.Items.Select(p => p.Id).Order());
    }

    [Fact]
    public async Task Search_ranks_name_matches_above_description_matches()
    {
        // "morning" appears only in coffee descriptions; "Chai" is in names. Both words match chai products.
        var page = await _catalog.GetProductsAsync(q: "chai or morning", pageSize: 10, cancellationToken: Cancellation);

        Assert.All(page.Items.Take(5), product => Assert.Contains("Chai", product.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_results_page_by_relevance_without_repeats_or_gaps()
    {
        var everything = await _catalog.GetProductsAsync(q: "trail or alpine or tent", pageSize: 100, cancellationToken: Cancellation);

        var paged = await WalkAsync(cursor => _catalog.GetProductsAsync(cursor, pageSize: 3, q: "trail or alpine or tent", cancellationToken: Cancellation));

        Assert.True(everything.Items.Count > 6, $"{everything.Items.Count} results");
        Assert.Equal(everything.Items.Select(p => p.Id), paged.Select(p => p.Id));
    }

    [Fact]
    public async Task Search_within_a_category_keeps_to_that_category()
    {
        var page = await _catalog.GetProductsAsync(q: "classic", categoryId: 1, pageSize: 50, cancellationToken: Cancellation);

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, product => Assert.Equal(1, product.CategoryId));
    }

    [Fact]
    public async Task Getting_many_by_id_returns_the_known_ones_and_leaves_out_the_unknown()
    {
        var products = await _catalog.GetProductsByIdsAsync([12, 3, 999_999, 3], Cancellation);

        Assert.Equal([3, 12], products.Select(p => p.Id));
        Assert.Equal(DemoCatalog.Products[2].Name, products[0].Name);
    }

    [Fact]
    public async Task A_product_is_found_by_id_with_its_category_and_image()
    {
        var response = await _catalog.GetProductAsync(17, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = DemoCatalog.Products[16];
        Assert.Equal((expected.Sku, expected.Name, expected.Price, "USD"), (response.Content!.Sku, response.Content.Name, response.Content.Price, response.Content.Currency));
        Assert.Equal(DemoCatalog.Categories[expected.CategoryId - 1].Name, response.Content.CategoryName);
        Assert.Equal("/products/17/image", response.Content.ImageUrl);
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_problem()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/products/999999", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_product_image_is_an_svg_with_the_product_name()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/products/5/image", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<title>{DemoCatalog.Products[4].Name}</title>", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_image_asked_for_at_a_width_is_drawn_that_size_and_stays_a_vector()
    {
        using var client = factory.CreateClient();

        var image = System.Xml.Linq.XElement.Parse(await client.GetStringAsync("/products/5/image?w=96", Cancellation));
        var full = System.Xml.Linq.XElement.Parse(await client.GetStringAsync("/products/5/image", Cancellation));

        Assert.Equal(("96", "96"), ((string?)image.Attribute("width"), (string?)image.Attribute("height")));
        Assert.Equal(("400", "400"), ((string?)full.Attribute("width"), (string?)full.Attribute("height")));
        Assert.Equal((string?)full.Attribute("viewBox"), (string?)image.Attribute("viewBox"));
    }

    [Fact]
    public async Task A_price_change_shows_on_the_next_read_and_repeating_it_changes_nothing()
    {
        const int productId = 100;

        var changed = await _catalog.ChangePriceAsync(productId, new ChangePriceRequest(123.45m), Cancellation);
        var repeated = await _catalog.ChangePriceAsync(productId, new ChangePriceRequest(123.45m), Cancellation);
        var read = await _catalog.GetProductAsync(productId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(123.45m, read.Content!.Price);
        Assert.True(changed.Content!.UpdatedAt > changed.Content.CreatedAt);
        Assert.Equal(changed.Content, repeated.Content);
    }

    [Fact]
    public async Task A_price_change_is_announced_once_with_the_old_and_new_price()
    {
        const int productId = 101;
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["catalog.product-price-changed"], cancellationToken: Cancellation);

        await _catalog.ChangePriceAsync(productId, new ChangePriceRequest(77.70m), Cancellation);
        await _catalog.ChangePriceAsync(productId, new ChangePriceRequest(77.70m), Cancellation);

        // The other tests of this class change other products' prices; their announcements may still be on their way.
        var announced = (await probe.NextAsync(TimeSpan.FromSeconds(10), Cancellation)).Json;
        while (announced.GetProperty("productId").GetInt32() != productId)
        {
            announced = (await probe.NextAsync(TimeSpan.FromSeconds(10), Cancellation)).Json;
        }

        Assert.Equal(DemoCatalog.Products[productId - 1].Price, announced.GetProperty("oldPrice").GetDecimal());
        Assert.Equal(77.70m, announced.GetProperty("newPrice").GetDecimal());
        Assert.Equal("USD", announced.GetProperty("currency").GetString());
        Assert.DoesNotContain(
            await probe.CollectUntilDrainedAsync(factory.ConnectionString, Cancellation),
            message => message.Json.GetProperty("productId").GetInt32() == productId);
    }

    [Fact]
    public async Task Changing_the_price_of_an_unknown_product_is_a_404()
    {
        var response = await _catalog.ChangePriceAsync(999_999, new ChangePriceRequest(10m), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json", Cancellation);

        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.Superset(
            new HashSet<string> { "/products", "/products/by-ids", "/products/{id}", "/products/{id}/image", "/products/{id}/price", "/categories" },
            paths.ToHashSet());
    }

    private static async Task<List<ProductDto>> WalkAsync(Func<string?, Task<ProductPage>> getPage)
    {
        var products = new List<ProductDto>();
        string? cursor = null;
        do
        {
            var page = await getPage(cursor);
            Assert.NotEmpty(page.Items);
            products.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return products;
    }
}
