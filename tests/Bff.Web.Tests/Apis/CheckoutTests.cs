using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Testing;

namespace Commerce.Bff.Web.Tests.Apis;

public sealed class CheckoutTests(Downstream downstream)
{
    private static readonly DeliveryAddress Home = new("Ada Customer", "1 Main Street", null, "Springfield", "94105", "US");

    [Fact]
    public async Task A_checkout_places_the_order_at_catalog_prices_and_answers_201_with_the_order_screen()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(1, 2), new(5, 1)];

        var response = await CheckoutAsync(customer, new CheckoutRequest(items, Home, await SaveCardAsync(customer), await CatalogTotalAsync(items)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<OrderScreen>(Cancellation))!;
        Assert.Equal($"/api/orders/{order.OrderId}", response.Headers.Location?.OriginalString);
        Assert.Equal(await CatalogTotalAsync(items), order.Total);
        Assert.Equal(OrderStatuses.Pending, order.Status);
        Assert.Equal(Home, order.ShippingAddress);
        Assert.Equal([(1, 2), (5, 1)], order.Lines.Select(line => (line.ProductId, line.Quantity)));
        var placed = (await downstream.OrderingClient().GetOrderAsync(customer.CustomerId, order.OrderId, Cancellation)).Content!;
        Assert.Equal((order.Reference, order.Total), (placed.Order.Reference, placed.Order.Total));
        Assert.Equal(1, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task Prices_come_from_catalog_so_a_wrong_expected_total_is_a_409_with_the_repriced_cart_and_nothing_placed()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var token = await SaveCardAsync(customer);
        var catalogTotal = await CatalogTotalAsync([new(2, 3)]);
        // Prices of the client's own making ride along; the BFF has no field for them and Catalog's stand.
        var body = $$"""
            {"items":[{"productId":2,"quantity":3,"unitPrice":0.01,"price":0.01}],
             "shippingAddress":{"name":"Ada Customer","line1":"1 Main Street","city":"Springfield","postalCode":"94105","country":"US"},
             "paymentToken":"{{token}}","expectedTotal":0.03}
            """;

        var response = await CheckoutAsync(customer, body);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(CheckoutRefusalReasons.PriceChanged, problem.GetProperty("reason").GetString());
        var cart = problem.GetProperty("cart").Deserialize<CartScreen>(JsonSerializerOptions.Web)!;
        Assert.Equal(catalogTotal, cart.Total);
        Assert.Equal([(2, 3)], cart.Lines.Select(line => (line.ProductId, line.Quantity)));
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Theory]
    [InlineData("KP", "1 Main Street", "shippingAddress.country")]
    [InlineData("US", "PO Box 1", "shippingAddress.line1")]
    public async Task An_address_the_carrier_does_not_deliver_to_is_a_422_naming_the_field_and_nothing_is_placed(string country, string line1, string field)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(3, 1)];

        var response = await CheckoutAsync(customer, new CheckoutRequest(
            items, Home with { Country = country, Line1 = line1 }, await SaveCardAsync(customer), await CatalogTotalAsync(items)));

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(CheckoutRefusalReasons.AddressUndeliverable, problem.GetProperty("reason").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_country_that_does_not_exist_is_refused_naming_the_country_with_or_without_shipping(bool shippingStopped)
    {
        await using var bff = new BffFactory(downstream);
        if (shippingStopped)
        {
            bff.Faults["shipping"] = Fault.Stopped;
        }

        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(3, 1)];

        var response = await CheckoutAsync(customer, new CheckoutRequest(
            items, Home with { Country = "ZZ" }, await SaveCardAsync(customer), await CatalogTotalAsync(items)));

        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {body}");
        using var problem = JsonDocument.Parse(body);
        var named = problem.RootElement.TryGetProperty("field", out var field) ? field.GetString() : null;
        var errors = problem.RootElement.TryGetProperty("errors", out var list) ? list.EnumerateObject().Select(error => error.Name).ToList() : [];
        Assert.True(named == "shippingAddress.country" || errors.Contains("shippingAddress.country"), body);
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task With_shipping_stopped_ordering_still_refuses_an_undeliverable_address_naming_the_field()
    {
        await using var bff = new BffFactory(downstream);
        bff.Faults["shipping"] = Fault.Stopped;
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(3, 1)];

        var response = await CheckoutAsync(customer, new CheckoutRequest(
            items, Home with { Country = "KP" }, await SaveCardAsync(customer), await CatalogTotalAsync(items)));

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(CheckoutRefusalReasons.AddressUndeliverable, problem.GetProperty("reason").GetString());
        Assert.Equal("shippingAddress.country", problem.GetProperty("field").GetString());
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Theory]
    [InlineData(Fault.Failing)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Stopped)]
    public async Task Without_the_catalog_checkout_is_a_503_with_retry_after_and_nothing_is_placed(Fault fault)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(4, 1)];
        var request = new CheckoutRequest(items, Home, await SaveCardAsync(customer), await CatalogTotalAsync(items));
        bff.Faults["catalog"] = fault;

        var response = await CheckoutAsync(customer, request);

        await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Theory]
    [InlineData(Fault.Failing)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Stopped)]
    public async Task Without_shipping_the_order_is_still_placed_and_the_skipped_address_check_is_logged(Fault fault)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(6, 2)];
        var request = new CheckoutRequest(items, Home, await SaveCardAsync(customer), await CatalogTotalAsync(items));
        bff.Faults["shipping"] = fault;

        var response = await CheckoutAsync(customer, request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await downstream.CountOrdersAsync(customer.CustomerId));
        Assert.Contains(bff.Logs.Records, record => record.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && record.Message.Contains("Ordering applies the carrier's rules", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_ordering_checkout_is_a_503_with_retry_after()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(4, 1)];
        var request = new CheckoutRequest(items, Home, await SaveCardAsync(customer), await CatalogTotalAsync(items));
        bff.Faults["ordering"] = Fault.Stopped;

        var response = await CheckoutAsync(customer, request);

        await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
    }

    [Fact]
    public async Task Checkouts_with_the_same_idempotency_key_one_after_another_or_at_once_place_one_order_with_one_id()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(7, 1)];
        var request = new CheckoutRequest(items, Home, await SaveCardAsync(customer), await CatalogTotalAsync(items));
        var sequentialKey = Guid.NewGuid().ToString();
        var concurrentKey = Guid.NewGuid().ToString();

        var first = await OrderIdOfAsync(await CheckoutAsync(customer, request, sequentialKey));
        var again = await OrderIdOfAsync(await CheckoutAsync(customer, request, sequentialKey));
        var atOnce = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await OrderIdOfAsync(await CheckoutAsync(customer, request, concurrentKey))));

        Assert.Equal(first, again);
        Assert.Single(atOnce.Distinct());
        Assert.NotEqual(first, atOnce[0]);
        Assert.Equal(2, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_cart_is_a_422_idempotency_key_reused()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var token = await SaveCardAsync(customer);
        var key = Guid.NewGuid().ToString();
        await OrderIdOfAsync(await CheckoutAsync(customer, new CheckoutRequest([new(8, 1)], Home, token, await CatalogTotalAsync([new(8, 1)])), key));

        var response = await CheckoutAsync(customer, new CheckoutRequest([new(8, 2)], Home, token, await CatalogTotalAsync([new(8, 2)])), key);

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(CheckoutRefusalReasons.IdempotencyKeyReused, problem.GetProperty("reason").GetString());
        Assert.Equal(1, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task Products_the_catalog_no_longer_sells_are_a_400_naming_them_and_nothing_is_placed()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();

        var response = await CheckoutAsync(customer, new CheckoutRequest([new(1, 1), new(987_654_321, 1)], Home, await SaveCardAsync(customer), 1m));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(CheckoutRefusalReasons.UnknownProducts, problem.GetProperty("reason").GetString());
        Assert.Equal([987_654_321], problem.GetProperty("productIds").EnumerateArray().Select(id => id.GetInt32()));
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    [Fact]
    public async Task Without_the_antiforgery_token_checkout_and_card_saving_are_400s_naming_it_and_nothing_is_placed()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        CartItem[] items = [new(9, 1)];
        var request = new CheckoutRequest(items, Home, await SaveCardAsync(customer), await CatalogTotalAsync(items));

        var checkout = SignedInCustomer.PostWithoutToken("/api/checkout", request);
        checkout.Headers.Add(StorefrontHeaders.IdempotencyKey, Guid.NewGuid().ToString());
        var refused = await customer.SendAsync(checkout);
        var forged = customer.Post("/api/checkout", request, antiforgeryToken: "forged");
        forged.Headers.Add(StorefrontHeaders.IdempotencyKey, Guid.NewGuid().ToString());
        var refusedForged = await customer.SendAsync(forged);
        var card = await customer.SendAsync(SignedInCustomer.PostWithoutToken("/api/payment-cards", new SaveCardRequest("4242 4242 4242 4242", 12, 2031, "123")));

        await ProblemAssert.NamesFieldAsync(refused, StorefrontHeaders.AntiforgeryToken, Cancellation);
        await ProblemAssert.NamesFieldAsync(refusedForged, StorefrontHeaders.AntiforgeryToken, Cancellation);
        await ProblemAssert.NamesFieldAsync(card, StorefrontHeaders.AntiforgeryToken, Cancellation);
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));
        Assert.Equal(0, bff.RequestsTo("ordering"));
    }

    [Fact]
    public async Task Anonymous_checkout_and_card_saving_are_401_problems()
    {
        await using var bff = new BffFactory(downstream);
        var client = bff.CreateClient();
        var checkout = new HttpRequestMessage(HttpMethod.Post, "/api/checkout")
        {
            Content = JsonContent.Create(new CheckoutRequest([new(1, 1)], Home, "tok_0123456789abcdef0123456789abcdef", 1m)),
        };
        checkout.Headers.Add(StorefrontHeaders.IdempotencyKey, Guid.NewGuid().ToString());

        var responses = new[]
        {
            await client.SendAsync(checkout, Cancellation),
            await client.PostAsJsonAsync("/api/payment-cards", new SaveCardRequest("4242 4242 4242 4242", 12, 2031, "123"), Cancellation),
        };

        foreach (var response in responses)
        {
            await ProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        Assert.Equal(0, bff.RequestsTo("ordering") + bff.RequestsTo("payments"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("clé")]
    [InlineData("k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789!")]
    public async Task A_missing_or_malformed_idempotency_key_is_a_400_naming_the_header(string? key)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var request = customer.Post("/api/checkout", new CheckoutRequest([new(1, 1)], Home, "tok_0123456789abcdef0123456789abcdef", 1m));
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(StorefrontHeaders.IdempotencyKey, key);
        }

        var response = await customer.SendAsync(request);

        await ProblemAssert.NamesFieldAsync(response, StorefrontHeaders.IdempotencyKey, Cancellation);
        Assert.Equal(0, bff.RequestsTo("ordering"));
    }

    [Theory]
    [InlineData("""{"items":[{"productId":1,"quantity":0}]}""", "items[0].quantity")]
    [InlineData("""{"items":[{"productId":1,"quantity":1},{"productId":1,"quantity":1}]}""", "items[1].productId")]
    [InlineData("""{"shippingAddress":{"name":"","line1":"1 Main Street","city":"Springfield","postalCode":"94105","country":"US"}}""", "shippingAddress.name")]
    [InlineData("""{"shippingAddress":{"name":"Ada","line1":"1 Main Street","city":"Springfield","postalCode":"94105","country":"USA"}}""", "shippingAddress.country")]
    [InlineData("""{"shippingAddress":null}""", "shippingAddress")]
    [InlineData("""{"paymentToken":"4242424242424242"}""", "paymentToken")]
    [InlineData("""{"expectedTotal":-1}""", "expectedTotal")]
    public async Task An_invalid_checkout_is_a_400_naming_the_field(string change, string field)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var body = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(
            new CheckoutRequest([new(1, 1)], Home, "tok_0123456789abcdef0123456789abcdef", 1m), JsonSerializerOptions.Web))!.AsObject();
        foreach (var (name, value) in System.Text.Json.Nodes.JsonNode.Parse(change)!.AsObject().ToList())
        {
            body[name] = value?.DeepClone();
        }

        var response = await CheckoutAsync(customer, body.ToJsonString());

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
        Assert.Equal(0, bff.RequestsTo("catalog") + bff.RequestsTo("ordering"));
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<decimal> CatalogTotalAsync(IReadOnlyList<CartItem> items)
    {
        var products = (await downstream.CatalogClient().GetProductsByIdsAsync(items.Select(item => item.ProductId), Cancellation)).ToDictionary(product => product.Id);
        return items.Sum(item => products[item.ProductId].Price * item.Quantity);
    }

    private static async Task<string> SaveCardAsync(SignedInCustomer customer)
    {
        var response = await customer.SendAsync(customer.Post("/api/payment-cards", new SaveCardRequest("4242 4242 4242 4242", 12, DateTime.UtcNow.Year + 2, "123")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SavedCard>(Cancellation))!.Token;
    }

    private static Task<HttpResponseMessage> CheckoutAsync(SignedInCustomer customer, CheckoutRequest request, string? key = null) =>
        CheckoutAsync(customer, JsonSerializer.Serialize(request, JsonSerializerOptions.Web), key);

    private static Task<HttpResponseMessage> CheckoutAsync(SignedInCustomer customer, string body, string? key = null)
    {
        var request = customer.Post("/api/checkout");
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        request.Headers.Add(StorefrontHeaders.IdempotencyKey, key ?? Guid.NewGuid().ToString());
        return customer.SendAsync(request);
    }

    private static async Task<Guid> OrderIdOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<OrderScreen>(body, JsonSerializerOptions.Web)!.OrderId;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
