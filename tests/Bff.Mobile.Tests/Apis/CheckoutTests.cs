using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Bff.Mobile.Client;
using Commerce.Testing;

namespace Commerce.Bff.Mobile.Tests.Apis;

public sealed class CheckoutTests(Downstream downstream)
{
    /// <summary>A toy no other test of this project touches: its price is this class's to change.</summary>
    private const int RepricedProduct = 232;

    private static readonly DeliveryAddress Home = new("Ada Customer", "1 Main Street", null, "Springfield", "94105", "US");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_checkout_places_the_order_at_the_priced_total_and_answers_201_with_the_order_to_follow()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(1, 2), new(5, 1)];
        var cart = await PriceAsync(customer, items);

        var response = await customer.Api.CheckoutAsync(Guid.NewGuid().ToString(), new CheckoutRequest(items, Home, await SaveCardAsync(customer), cart.Total), Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var placed = response.Content!;
        Assert.Equal($"/api/orders/{placed.Id}", response.Headers?.Location?.OriginalString);
        var order = (await customer.Api.GetOrderAsync(placed.Id, cancellationToken: Cancellation)).Content!;
        Assert.Equal((placed.Reference, cart.Total, OrderStates.Pending), (order.Reference, order.Total, order.Status));
        Assert.Equal(1, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task The_same_idempotency_key_again_answers_the_same_order_and_places_no_other()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(6, 1)];
        var request = new CheckoutRequest(items, Home, await SaveCardAsync(customer), (await PriceAsync(customer, items)).Total);
        var key = Guid.NewGuid().ToString();

        var first = await customer.Api.CheckoutAsync(key, request, Cancellation);
        var again = await customer.Api.CheckoutAsync(key, request, Cancellation);

        Assert.True(first.IsSuccessStatusCode && again.IsSuccessStatusCode, $"{(int)first.StatusCode}, then {(int)again.StatusCode}");
        Assert.Equal(first.Content!.Id, again.Content!.Id);
        Assert.Equal(1, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task A_checkout_without_an_idempotency_key_is_a_400_naming_the_header_and_places_nothing()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(7, 1)];
        var request = new CheckoutRequest(items, Home, await SaveCardAsync(customer), (await PriceAsync(customer, items)).Total);

        var response = await customer.Http.PostAsJsonAsync("/api/checkout", request, Cancellation);

        await ProblemAssert.NamesFieldAsync(response, MobileHeaders.IdempotencyKey, Cancellation);
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task A_price_changed_since_the_cart_was_priced_is_a_409_price_changed_with_the_repriced_cart_and_nothing_placed()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(RepricedProduct, 2)];
        var shown = await PriceAsync(customer, items);
        await downstream.RaisePriceAsync(RepricedProduct, by: 2m);

        var response = await customer.Api.CheckoutAsync(Guid.NewGuid().ToString(), new CheckoutRequest(items, Home, await SaveCardAsync(customer), shown.Total), Cancellation);

        var problem = Problem(response.ErrorBody(), response.StatusCode, HttpStatusCode.Conflict);
        Assert.Equal(CheckoutRefusals.PriceChanged, problem.GetProperty("reason").GetString());
        var repriced = problem.GetProperty("cart").Deserialize<CartScreen>(JsonSerializerOptions.Web)!;
        Assert.Equal(shown.Total + 4m, repriced.Total);
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task An_address_the_carrier_does_not_deliver_to_is_a_422_naming_the_country_and_nothing_placed()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(8, 1)];

        var response = await customer.Api.CheckoutAsync(
            Guid.NewGuid().ToString(), new CheckoutRequest(items, Home with { Country = "KP" }, await SaveCardAsync(customer), (await PriceAsync(customer, items)).Total), Cancellation);

        var problem = Problem(response.ErrorBody(), response.StatusCode, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(CheckoutRefusals.AddressUndeliverable, problem.GetProperty("reason").GetString());
        Assert.Equal("address.country", problem.GetProperty("field").GetString());
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task With_shipping_stopped_ordering_still_refuses_an_undeliverable_address_with_a_422_naming_the_country()
    {
        await using var bff = new MobileBffFactory(downstream);
        bff.Network.Faults["shipping"] = Fault.Stopped;
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(8, 1)];

        var response = await customer.Api.CheckoutAsync(
            Guid.NewGuid().ToString(), new CheckoutRequest(items, Home with { Country = "KP" }, await SaveCardAsync(customer), (await PriceAsync(customer, items)).Total), Cancellation);

        var problem = Problem(response.ErrorBody(), response.StatusCode, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(CheckoutRefusals.AddressUndeliverable, problem.GetProperty("reason").GetString());
        Assert.Equal("address.country", problem.GetProperty("field").GetString());
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task A_priced_cart_is_in_the_contract_shape_with_thumbnails()
    {
        await using var bff = new MobileBffFactory(downstream);

        var response = await bff.CreateClient().PostAsJsonAsync("/api/cart/price", new PriceCartRequest([new(9, 3), new(10, 1)]), Cancellation);

        var json = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json);
        ContractShape.AssertMatches<CartScreen>(json);
        var cart = JsonSerializer.Deserialize<CartScreen>(json, JsonSerializerOptions.Web)!;
        Assert.All(cart.Lines, line => Assert.Equal($"/images/products/{line.ProductId}?w={MobileImageSizes.Thumbnail}", line.Image));
        Assert.Equal(cart.Lines.Sum(line => line.Total), cart.Total);
    }

    private static async Task<CartScreen> PriceAsync(MobileCustomer customer, IReadOnlyList<CartItem> items)
    {
        var response = await customer.Api.PriceCartAsync(new PriceCartRequest(items), Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {response.ErrorBody()}");
        return response.Content!;
    }

    private static async Task<string> SaveCardAsync(MobileCustomer customer)
    {
        var response = await customer.Api.SaveCardAsync(new SaveCardRequest("4242 4242 4242 4242", 12, 2031, "123"), Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {response.ErrorBody()}");
        return response.Content!.Token;
    }

    private static JsonElement Problem(string? body, HttpStatusCode? status, HttpStatusCode expected)
    {
        Assert.True(status == expected, $"{(int)status}: {body}");
        using var problem = JsonDocument.Parse(body!);
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        return problem.RootElement.Clone();
    }
}
