using System.Net;
using System.Net.Http.Headers;
using Commerce.Bff.Mobile.Client;

namespace Commerce.Bff.Mobile.Tests.Edge;

public sealed class ScreenETagTests(Downstream downstream)
{
    /// <summary>A toy no other test of this project touches and no home screen features: its price is this class's to change.</summary>
    private const int RepricedProduct = 231;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_screen_answers_its_own_etag_with_a_304_and_no_body()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);
        var anonymous = bff.CreateClient();

        foreach (var (client, path) in new[]
        {
            (anonymous, "/api/home"),
            (anonymous, "/api/products?q=kettlebell"),
            (anonymous, "/api/products?categoryId=4"),
            (anonymous, "/api/products/2"),
            (anonymous, $"/images/products/2?w={MobileImageSizes.Thumbnail}"),
            (customer.Http, "/api/orders"),
            (customer.Http, $"/api/orders/{order.OrderId}"),
        })
        {
            var (status, etag, _) = await GetAsync(client, path);
            Assert.True(status == HttpStatusCode.OK && etag is not null, $"{path}: {(int)status}, ETag {etag}");

            var (again, sameTag, body) = await GetAsync(client, path, etag);

            Assert.True(again == HttpStatusCode.NotModified, $"{path} with its own ETag answered {(int)again}");
            Assert.Empty(body);
            Assert.Equal(etag, sameTag);
        }
    }

    [Fact]
    public async Task A_new_order_changes_the_orders_screens_etag_and_the_old_one_gets_the_whole_screen()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();
        await downstream.PlaceOrderAsync(customer.CustomerId);
        var (_, before, _) = await GetAsync(customer.Http, "/api/orders");

        var placed = await downstream.PlaceOrderAsync(customer.CustomerId);
        var (status, after, body) = await GetAsync(customer.Http, "/api/orders", before);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(before, after);
        Assert.Contains(placed.OrderId.ToString(), System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_change_in_the_catalog_changes_the_product_screens_etag_and_shows_the_new_price()
    {
        await using var bff = new MobileBffFactory(downstream);
        var client = bff.CreateClient();
        var (_, before, _) = await GetAsync(client, $"/api/products/{RepricedProduct}");

        var price = await downstream.RaisePriceAsync(RepricedProduct, by: 1m);
        var response = await bff.CreateApi().GetProductAsync(RepricedProduct, before, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(before, response.Headers?.ETag?.ToString());
        Assert.Equal(price + 1m, response.Content!.Price);
    }

    [Fact]
    public async Task Customers_screens_have_their_own_etags_and_one_customers_etag_never_spares_another_the_screen()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var ada = await bff.SignInAsync();
        using var grace = await bff.SignInAsync();
        await downstream.PlaceOrderAsync(ada.CustomerId);
        await downstream.PlaceOrderAsync(grace.CustomerId);

        var (_, adasTag, _) = await GetAsync(ada.Http, "/api/orders");
        var (status, gracesTag, body) = await GetAsync(grace.Http, "/api/orders", adasTag);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(adasTag, gracesTag);
        Assert.NotEmpty(body);
        // Nor may a cache between them hand one customer's screen to the other.
        using var response = await ada.Http.GetAsync("/api/orders", Cancellation);
        Assert.Contains("Authorization", response.Headers.Vary);
        Assert.Contains("private", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string? ETag, byte[] Body)> GetAsync(HttpClient client, string path, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        }

        using var response = await client.SendAsync(request, Cancellation);
        return (response.StatusCode, response.Headers.ETag?.ToString(), await response.Content.ReadAsByteArrayAsync(Cancellation));
    }
}
