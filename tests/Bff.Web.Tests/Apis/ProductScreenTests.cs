extern alias bffweb;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using bffweb::Commerce.Bff.Web.Apis;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Shipping.Contracts;

namespace Commerce.Bff.Web.Tests.Apis;

public sealed class ProductScreenTests(Downstream downstream)
{
    private const int ProductId = 1;

    [Fact]
    public async Task The_product_screen_combines_the_catalog_product_its_stock_and_a_shipping_estimate()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);

        var screen = await bff.CreateClient().GetFromJsonAsync<ProductScreen>($"/api/products/{ProductId}", cancellationToken);

        var product = (await downstream.CatalogClient().GetProductAsync(ProductId, cancellationToken)).Content!;
        var stock = (await downstream.InventoryClient().GetStockLevelsAsync([ProductId], cancellationToken)).Single();
        var quote = (await downstream.ShippingClient().QuoteAsync(
            new QuoteRequest(new ShippingAddress("Estimate", "1 Main Street", null, "Springfield", "94105", "US"), [new ShipmentLine(ProductId, 1)]),
            cancellationToken)).Content!;
        Assert.NotNull(screen);
        Assert.Equal((product.Name, product.Sku, product.Price, product.Currency, product.CategoryName), (screen.Name, screen.Sku, screen.Price, screen.Currency, screen.CategoryName));
        Assert.Equal(stock.Available, screen.Availability.Available);
        Assert.NotEqual("unknown", screen.Availability.Status);
        Assert.Equal(new ShippingEstimate(quote.Price, quote.Currency, quote.EstimatedDeliveryDays), screen.ShippingEstimate);
        Assert.Empty(screen.Degraded);
    }

    [Theory]
    [InlineData("inventory", Fault.Failing, "availability")]
    [InlineData("inventory", Fault.Slow, "availability")]
    [InlineData("inventory", Fault.Stopped, "availability")]
    [InlineData("shipping", Fault.Failing, "shippingEstimate")]
    [InlineData("shipping", Fault.Slow, "shippingEstimate")]
    [InlineData("shipping", Fault.Stopped, "shippingEstimate")]
    public async Task A_non_critical_part_that_fails_or_is_slow_is_named_as_degraded_and_replaced_by_its_fallback(string service, Fault fault, string part)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        var client = bff.CreateClient();
        // What is timed is the screen, not the BFF's start-up (seconds on a busy machine): warm it with another
        // product's screen, so the one timed is still asked for the first time, with the fault in place.
        (await client.GetAsync($"/api/products/{ProductId + 1}", cancellationToken)).EnsureSuccessStatusCode();
        bff.Faults[service] = fault;

        var watch = Stopwatch.StartNew();
        var response = await client.GetAsync($"/api/products/{ProductId}", cancellationToken);
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var screen = (await response.Content.ReadFromJsonAsync<ProductScreen>(cancellationToken))!;
        Assert.Equal([part], screen.Degraded);
        Assert.Equal((await downstream.CatalogClient().GetProductAsync(ProductId, cancellationToken)).Content!.Name, screen.Name);
        if (part == "availability")
        {
            Assert.Equal(new Availability("unknown", null), screen.Availability);
            Assert.NotNull(screen.ShippingEstimate);
        }
        else
        {
            Assert.Null(screen.ShippingEstimate);
            Assert.NotEqual("unknown", screen.Availability.Status);
        }

        // The page waits for the part's budget (300 ms in these tests), not for the slow service's 10 s.
        Assert.True(watch.Elapsed < FaultNetwork.SlowAnswer / 2, $"the screen took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(Fault.Failing)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Stopped)]
    public async Task Without_the_catalog_every_catalog_screen_is_a_503_with_retry_after(Fault fault)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        bff.Faults["catalog"] = fault;
        var client = bff.CreateClient();

        foreach (var path in new[] { $"/api/products/{ProductId}", "/api/home", "/api/products?q=lamp" })
        {
            var response = await client.GetAsync(path, cancellationToken);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{path} has no Retry-After");
        }
    }

    [Fact]
    public async Task A_degraded_product_screen_is_not_kept_in_the_output_cache()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        bff.Faults["inventory"] = Fault.Stopped;
        var client = bff.CreateClient();

        await client.GetStringAsync($"/api/products/{ProductId}", cancellationToken);
        bff.Faults.TryRemove("inventory", out _);
        var screen = await client.GetFromJsonAsync<ProductScreen>($"/api/products/{ProductId}", cancellationToken);

        Assert.NotNull(screen);
        Assert.Empty(screen.Degraded);
        Assert.NotEqual("unknown", screen.Availability.Status);
    }

    [Fact]
    public async Task An_unknown_product_is_a_404()
    {
        await using var bff = new BffFactory(downstream);

        var response = await bff.CreateClient().GetAsync("/api/products/987654321", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
