extern alias bffweb;

using System.Net;
using System.Net.Http.Json;
using bffweb::Commerce.Bff.Web.Apis;
using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Tests.Apis;

public sealed class CatalogScreenTests(Downstream downstream)
{
    [Fact]
    public async Task The_home_screen_features_catalog_products_and_lists_every_category()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);

        var home = await bff.CreateClient().GetFromJsonAsync<HomeScreen>("/api/home", cancellationToken);

        var categories = await downstream.CatalogClient().GetCategoriesAsync(cancellationToken);
        var firstPage = await downstream.CatalogClient().GetProductsAsync(pageSize: bffweb::Commerce.Bff.Web.Apis.CatalogApi.FeaturedCount, cancellationToken: cancellationToken);
        Assert.NotNull(home);
        Assert.Equal(categories.Select(category => category.Slug), home.Categories.Select(category => category.Slug));
        Assert.Equal(firstPage.Items.Select(product => product.Id), home.Featured.Select(product => product.Id));
        Assert.NotEmpty(home.Featured);
    }

    [Fact]
    public async Task Browsing_passes_the_keyset_cursor_through_page_after_page()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        var client = bff.CreateClient();

        var first = (await client.GetFromJsonAsync<ProductListScreen>("/api/products?pageSize=3", cancellationToken))!;
        var second = (await client.GetFromJsonAsync<ProductListScreen>($"/api/products?pageSize=3&cursor={Uri.EscapeDataString(first.NextCursor!)}", cancellationToken))!;

        var expected = await downstream.CatalogClient().GetProductsAsync(pageSize: 6, cancellationToken: cancellationToken);
        Assert.Equal(expected.Items.Select(product => product.Id), first.Items.Concat(second.Items).Select(product => product.Id));
    }

    [Fact]
    public async Task A_forged_cursor_is_a_400_from_the_catalog_passed_on_not_a_503()
    {
        await using var bff = new BffFactory(downstream);

        var response = await bff.CreateClient().GetAsync("/api/products?cursor=not-a-cursor", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_repeated_anonymous_read_is_served_from_the_output_cache_but_another_query_is_not()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        var client = bff.CreateClient();

        await client.GetStringAsync("/api/products?pageSize=2", cancellationToken);
        var afterFirst = bff.RequestsTo("catalog");
        await client.GetStringAsync("/api/products?pageSize=2", cancellationToken);
        var afterRepeat = bff.RequestsTo("catalog");
        await client.GetStringAsync("/api/products?pageSize=4", cancellationToken);

        Assert.True(afterFirst > 0);
        Assert.Equal(afterFirst, afterRepeat);
        Assert.True(bff.RequestsTo("catalog") > afterRepeat, "a different query was answered from the cache");
    }

    [Fact]
    public async Task Past_the_limit_a_client_gets_429_problem_details_with_retry_after()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream) { Settings = new() { ["Bff:Limits:PermitsPerWindow"] = "3" } };
        var client = bff.CreateClient();

        for (var request = 0; request < 3; request++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/home", cancellationToken)).StatusCode);
        }

        var refused = await client.GetAsync("/api/home", cancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        await using var bff = new BffFactory(downstream);

        var response = await bff.CreateClient().GetAsync("/api/home", TestContext.Current.CancellationToken);

        Assert.Contains("frame-ancestors 'none'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
