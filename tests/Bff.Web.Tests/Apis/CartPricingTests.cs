using System.Net;
using System.Net.Http.Json;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Testing;

namespace Commerce.Bff.Web.Tests.Apis;

public sealed class CartPricingTests(Downstream downstream)
{
    private const int NoSuchProduct = 987_654_321;

    [Fact]
    public async Task A_cart_is_priced_with_catalog_prices_and_inventory_availability_and_unsold_products_are_named()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);

        var response = await bff.CreateClient().PostAsJsonAsync(
            "/api/cart/price", new PriceCartRequest([new CartItem(3, 2), new CartItem(NoSuchProduct, 1), new CartItem(1, 1)]), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cart = (await response.Content.ReadFromJsonAsync<CartScreen>(cancellationToken))!;
        var products = (await downstream.CatalogClient().GetProductsByIdsAsync([1, 3], cancellationToken)).ToDictionary(product => product.Id);
        var stock = (await downstream.InventoryClient().GetStockLevelsAsync([1, 3], cancellationToken)).ToDictionary(level => level.ProductId);
        Assert.Equal([3, 1], cart.Lines.Select(line => line.ProductId));
        Assert.Equal([NoSuchProduct], cart.UnavailableProductIds);
        Assert.Equal(products[3].Price * 2 + products[1].Price, cart.Total);
        Assert.Equal(products[3].Currency, cart.Currency);
        Assert.All(cart.Lines, line =>
        {
            Assert.Equal((products[line.ProductId].Name, products[line.ProductId].Price), (line.Name, line.UnitPrice));
            Assert.Equal(line.UnitPrice * line.Quantity, line.LineTotal);
            Assert.Equal(stock[line.ProductId].Available, line.Availability.Available);
        });
        Assert.Empty(cart.Degraded);
    }

    [Theory]
    [InlineData(Fault.Failing)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Stopped)]
    public async Task Without_inventory_the_cart_is_still_priced_and_names_availability_as_degraded(Fault fault)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        bff.Faults["inventory"] = fault;

        var response = await bff.CreateClient().PostAsJsonAsync("/api/cart/price", new PriceCartRequest([new CartItem(2, 3)]), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cart = (await response.Content.ReadFromJsonAsync<CartScreen>(cancellationToken))!;
        var product = (await downstream.CatalogClient().GetProductsByIdsAsync([2], cancellationToken)).Single();
        Assert.Equal(["availability"], cart.Degraded);
        Assert.Equal(Availability.Unknown, Assert.Single(cart.Lines).Availability);
        Assert.Equal(product.Price * 3, cart.Total);
    }

    [Theory]
    [InlineData(Fault.Failing)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Stopped)]
    public async Task Without_the_catalog_a_cart_cannot_be_priced_and_is_a_503_with_retry_after(Fault fault)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        bff.Faults["catalog"] = fault;

        var response = await bff.CreateClient().PostAsJsonAsync("/api/cart/price", new PriceCartRequest([new CartItem(2, 1)]), cancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
    }

    [Theory]
    [InlineData("""{"items":[{"productId":1,"quantity":0}]}""", "items[0].quantity")]
    [InlineData("""{"items":[{"productId":1,"quantity":100}]}""", "items[0].quantity")]
    [InlineData("""{"items":[{"productId":0,"quantity":1}]}""", "items[0].productId")]
    [InlineData("""{"items":[{"productId":-4,"quantity":1}]}""", "items[0].productId")]
    [InlineData("""{"items":[{"productId":1,"quantity":1},{"productId":1,"quantity":2}]}""", "items[1].productId")]
    [InlineData("""{"items":[]}""", "items")]
    [InlineData("""{}""", "items")]
    [InlineData("""{"items":[null]}""", "items[0]")]
    [InlineData("""{"items":[{"productId":1,"quantity":"two"}]}""", "items[0].quantity")]
    public async Task An_invalid_cart_is_a_400_naming_the_field(string body, string field)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);

        var response = await bff.CreateClient().PostAsync("/api/cart/price", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancellationToken);

        await ProblemAssert.NamesFieldAsync(response, field, cancellationToken);
        Assert.Equal(0, bff.RequestsTo("catalog"));
    }

    [Fact]
    public async Task A_cart_of_more_than_fifty_products_is_a_400_naming_the_items()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);

        var response = await bff.CreateClient().PostAsJsonAsync(
            "/api/cart/price", new PriceCartRequest([.. Enumerable.Range(1, 51).Select(id => new CartItem(id, 1))]), cancellationToken);

        await ProblemAssert.NamesFieldAsync(response, "items", cancellationToken);
    }
}
