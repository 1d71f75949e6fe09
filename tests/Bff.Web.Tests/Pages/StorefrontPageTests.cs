using System.Net;
using System.Text.Encodings.Web;
using Commerce.Catalog.Contracts;

namespace Commerce.Bff.Web.Tests.Pages;

/// <summary>The storefront's server-rendered pages as a browser receives them (HTML), against the real Catalog, Inventory and Shipping.</summary>
public sealed class StorefrontPageTests(Downstream downstream)
{
    private const int ProductId = 1;

    [Fact]
    public async Task The_home_page_is_rendered_on_the_server_with_the_featured_products_and_images_a_browser_can_load()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);

        var response = await GetPageAsync(bff, "/");

        var featured = await downstream.CatalogClient().GetProductsAsync(pageSize: 8, cancellationToken: cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(featured.Items);
        foreach (var product in featured.Items)
        {
            Assert.Contains(Html(product.Name), html);
            Assert.Contains($"src=\"/images/products/{product.Id}\"", html);
        }

        // Catalog's own image address is inside the cluster, where no browser reaches.
        Assert.DoesNotContain("/image\"", html);
        Assert.Contains("<main", html);
        Assert.Contains("href=\"/account/sign-in?returnUrl=%2F\"", html);
    }

    [Fact]
    public async Task A_product_image_comes_through_the_BFF_with_a_day_of_browser_caching()
    {
        await using var bff = new BffFactory(downstream);

        var response = await bff.CreateClient().GetAsync($"/images/products/{ProductId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalHours: >= 24 }, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.StartsWith("<svg", (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimStart());
    }

    [Fact]
    public async Task The_image_of_an_unknown_product_is_a_404()
    {
        await using var bff = new BffFactory(downstream);

        var response = await bff.CreateClient().GetAsync("/images/products/987654321", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_product_page_shows_the_product_its_availability_free_delivery_and_the_add_to_cart_island()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);

        var response = await GetPageAsync(bff, $"/products/{ProductId}");

        var product = (await downstream.CatalogClient().GetProductAsync(ProductId, cancellationToken)).Content!;
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<h1>{Html(product.Name)}</h1>", html);
        Assert.Contains(Html(product.Description), html);
        Assert.Contains($"src=\"/images/products/{ProductId}\"", html);
        Assert.Matches("Free delivery in \\d+ days?", html);
        Assert.Matches("badge--(in-stock|low-stock|out-of-stock)", html);
        // The one interactive part, left for the browser's WebAssembly runtime to render.
        Assert.Contains("Commerce.Bff.Web.Client.Islands.AddToCart", html);
        Assert.DoesNotContain("quiet-note", html);
    }

    [Theory]
    [InlineData("inventory", "Stock levels can")]
    [InlineData("shipping", "Delivery times can")]
    public async Task A_product_page_without_a_non_critical_part_is_still_a_page_with_a_quiet_note(string service, string note)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        bff.Faults[service] = Fault.Stopped;

        var response = await GetPageAsync(bff, $"/products/{ProductId}");

        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"quiet-note\">" + note, html);
        Assert.Contains(Html((await downstream.CatalogClient().GetProductAsync(ProductId, cancellationToken)).Content!.Name), html);
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_page()
    {
        await using var bff = new BffFactory(downstream);

        var response = await GetPageAsync(bff, "/products/987654321");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("find that product", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unknown_address_is_the_storefronts_404_page_but_an_unknown_api_route_stays_problem_details()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);

        var page = await GetPageAsync(bff, "/no-such-page");
        var api = await bff.CreateClient().GetAsync("/api/products/987654321", cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("find that page", await page.Content.ReadAsStringAsync(cancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/products")]
    [InlineData("/products/1")]
    public async Task Without_Catalog_a_page_is_a_friendly_503_with_retry_after(string path)
    {
        await using var bff = new BffFactory(downstream);
        bff.Faults["catalog"] = Fault.Stopped;

        var response = await GetPageAsync(bff, path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("be right back", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Browsing_a_category_shows_its_products_and_links_the_next_keyset_page()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        var catalog = downstream.CatalogClient();
        var category = await LargestCategoryAsync(catalog, cancellationToken);
        var firstPage = await catalog.GetProductsAsync(categoryId: category.Id, cancellationToken: cancellationToken);
        Assert.NotNull(firstPage.NextCursor);

        var first = await (await GetPageAsync(bff, $"/products?category={category.Slug}")).Content.ReadAsStringAsync(cancellationToken);
        var next = await catalog.GetProductsAsync(firstPage.NextCursor, categoryId: category.Id, cancellationToken: cancellationToken);
        var second = await (await GetPageAsync(bff, $"/products?category={category.Slug}&cursor={Uri.EscapeDataString(firstPage.NextCursor)}"))
            .Content.ReadAsStringAsync(cancellationToken);

        Assert.Contains($"<h1>{Html(category.Name)}</h1>", first);
        Assert.All(firstPage.Items, product => Assert.Contains($"href=\"/products/{product.Id}\"", first));
        Assert.Contains(Html($"/products?category={category.Slug}&cursor={Uri.EscapeDataString(firstPage.NextCursor)}"), first);
        Assert.Contains("More products", first);
        Assert.All(next.Items, product => Assert.Contains($"href=\"/products/{product.Id}\"", second));
        Assert.DoesNotContain($"href=\"/products/{firstPage.Items[0].Id}\"", second);
    }

    [Fact]
    public async Task Searching_shows_the_matching_products()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        var product = (await downstream.CatalogClient().GetProductAsync(ProductId, cancellationToken)).Content!;
        var word = product.Name.Split(' ').MaxBy(candidate => candidate.Length)!;

        var response = await GetPageAsync(bff, $"/products?q={Uri.EscapeDataString(word)}");

        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Html($"Results for “{word}”"), html);
        Assert.Contains($"href=\"/products/{ProductId}\"", html);
    }

    [Fact]
    public async Task An_unknown_category_is_a_404_page()
    {
        await using var bff = new BffFactory(downstream);

        var response = await GetPageAsync(bff, "/products?category=no-such-category");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("find that category", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pages_allow_compiling_WebAssembly_and_nothing_broader()
    {
        await using var bff = new BffFactory(downstream);

        var response = await GetPageAsync(bff, "/");

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval'", policy);
        Assert.DoesNotContain("'unsafe-eval'", policy);
        Assert.DoesNotContain("'unsafe-inline'", policy);
    }

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);

    private static async Task<HttpResponseMessage> GetPageAsync(BffFactory bff, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        return await bff.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<CategoryDto> LargestCategoryAsync(ICatalogApi catalog, CancellationToken cancellationToken)
    {
        var categories = await catalog.GetCategoriesAsync(cancellationToken);
        var sizes = await Task.WhenAll(categories.Select(async category =>
            (category, (await catalog.GetProductsAsync(pageSize: 100, categoryId: category.Id, cancellationToken: cancellationToken)).Items.Count)));
        return sizes.MaxBy(size => size.Count).category;
    }
}
