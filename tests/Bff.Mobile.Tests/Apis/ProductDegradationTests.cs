using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Commerce.Bff.Mobile.Client;

namespace Commerce.Bff.Mobile.Tests.Apis;

public sealed class ProductDegradationTests(Downstream downstream)
{
    private const int ProductId = 4;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Fault.Stopped)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Failing)]
    public async Task Without_inventory_the_product_screen_is_still_shown_with_unknown_stock_and_availability_degraded(Fault fault)
    {
        await using var bff = new MobileBffFactory(downstream);
        var (response, json, elapsed) = await GetProductAsync(bff, "inventory", fault);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ContractShape.AssertMatches<ProductScreen>(json);
        var screen = JsonSerializer.Deserialize<ProductScreen>(json, JsonSerializerOptions.Web)!;
        Assert.Equal([DegradedParts.Availability], screen.Degraded);
        Assert.Equal(StockStates.Unknown, screen.Stock);
        Assert.Null(screen.Left);
        Assert.NotNull(screen.Delivery);
        Assert.True(elapsed < FaultNetwork.SlowAnswer / 2, $"the screen took {elapsed}");
    }

    [Theory]
    [InlineData(Fault.Stopped)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Failing)]
    public async Task Without_shipping_the_product_screen_is_still_shown_without_delivery_and_delivery_degraded(Fault fault)
    {
        await using var bff = new MobileBffFactory(downstream);
        var (response, json, elapsed) = await GetProductAsync(bff, "shipping", fault);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ContractShape.AssertMatches<ProductScreen>(json);
        using (var document = JsonDocument.Parse(json))
        {
            Assert.False(document.RootElement.TryGetProperty("delivery", out _), $"A degraded screen still has a delivery: {json}");
        }

        var screen = JsonSerializer.Deserialize<ProductScreen>(json, JsonSerializerOptions.Web)!;
        Assert.Equal([DegradedParts.Delivery], screen.Degraded);
        Assert.NotEqual(StockStates.Unknown, screen.Stock);
        Assert.True(elapsed < FaultNetwork.SlowAnswer / 2, $"the screen took {elapsed}");
    }

    [Fact]
    public async Task A_degraded_product_screen_is_not_kept_by_the_phone_and_the_next_one_is_whole()
    {
        await using var bff = new MobileBffFactory(downstream);
        var client = bff.CreateClient();
        bff.Network.Faults["inventory"] = Fault.Stopped;
        var degraded = await client.GetAsync($"/api/products/{ProductId}", Cancellation);

        bff.Network.Faults.TryRemove("inventory", out _);
        var whole = await client.GetAsync($"/api/products/{ProductId}", Cancellation);
        var json = await whole.Content.ReadAsStringAsync(Cancellation);

        Assert.True(degraded.Headers.CacheControl?.NoCache, $"Cache-Control: {degraded.Headers.CacheControl}");
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.DoesNotContain("\"degraded\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Fault.Stopped)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Failing)]
    public async Task Without_the_catalog_every_catalog_screen_and_image_is_a_503_problem_with_retry_after(Fault fault)
    {
        await using var bff = new MobileBffFactory(downstream);
        bff.Network.Faults["catalog"] = fault;
        var client = bff.CreateClient();

        foreach (var path in new[] { $"/api/products/{ProductId}", "/api/home", "/api/products?q=lamp", "/api/products?categoryId=1", $"/images/products/{ProductId}?w=96" })
        {
            using var response = await client.GetAsync(path, Cancellation);

            var body = await response.Content.ReadAsStringAsync(Cancellation);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{path} has no Retry-After");
        }
    }

    /// <summary>The product screen with <paramref name="service"/> given <paramref name="fault"/>, and how long the screen took.</summary>
    private static async Task<(HttpResponseMessage Response, string Json, TimeSpan Elapsed)> GetProductAsync(MobileBffFactory bff, string service, Fault fault)
    {
        // Only the screen is timed, not the BFF's start-up nor its first request (seconds on a busy machine): both are
        // over, with another product's screen, before the fault is set and the clock starts.
        var client = bff.CreateClient();
        (await client.GetAsync($"/api/products/{ProductId + 1}", Cancellation)).EnsureSuccessStatusCode();
        bff.Network.Faults[service] = fault;
        var watch = Stopwatch.StartNew();
        var response = await client.GetAsync($"/api/products/{ProductId}", Cancellation);
        var json = await response.Content.ReadAsStringAsync(Cancellation);
        return (response, json, watch.Elapsed);
    }
}
