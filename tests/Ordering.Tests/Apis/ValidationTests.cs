using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Ordering.Api.Apis;
using Commerce.Ordering.Contracts;

namespace Commerce.Ordering.Tests.Apis;

/// <summary>Every rule of a place-order request: a 400 whose errors name the field, and nothing written.</summary>
public sealed class ValidationTests(OrderingApiFactory factory) : IClassFixture<OrderingApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { "no lines", "lines" },
        { "51 lines", "lines" },
        { "quantity 0", "lines[0].quantity" },
        { "quantity 100", "lines[0].quantity" },
        { "product id 0", "lines[0].productId" },
        { "duplicate product", "lines[1].productId" },
        { "no address", "shippingAddress" },
        { "no recipient", "shippingAddress.name" },
        { "no line1", "shippingAddress.line1" },
        { "long line2", "shippingAddress.line2" },
        { "no city", "shippingAddress.city" },
        { "no postal code", "shippingAddress.postalCode" },
        { "malformed postal code", "shippingAddress.postalCode" },
        { "no country", "shippingAddress.country" },
        { "lower-case country", "shippingAddress.country" },
        { "no payment token", "paymentToken" },
        { "card number instead of a token", "paymentToken" },
        { "upper-case token", "paymentToken" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_order_is_a_400_naming_the_field(string rule, string field)
    {
        var customer = Orders.NewCustomer();

        var response = await PostAsync(customer, Orders.NewKey(), Break(Orders.Request((1, 1), (2, 1)), rule));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await ErrorFieldsAsync(response));
        Assert.Equal(0, await factory.ScalarAsync<long>("SELECT count(*) FROM orders WHERE customer_id = @customer", new { customer }));
    }

    [Fact]
    public async Task Fifty_lines_of_ninety_nine_items_are_the_most_an_order_can_hold()
    {
        var request = Orders.Request(Enumerable.Range(1, 50).Select(id => (id, 99)).ToArray());

        var response = await PostAsync(Orders.NewCustomer(), Orders.NewKey(), request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "key", "customerId")]
    [InlineData("customer", null, "idempotencyKey")]
    [InlineData("customer", "a key with spaces", "idempotencyKey")]
    public async Task Placing_an_order_needs_the_customer_and_an_Idempotency_Key(string? customer, string? key, string field)
    {
        var response = await PostAsync(customer, key, Orders.Request((1, 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Reading_orders_needs_the_customer()
    {
        var http = factory.CreateClient();

        var list = await http.GetAsync("/orders", Cancellation);
        var one = await http.GetAsync($"/orders/{Guid.NewGuid()}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Contains("customerId", await ErrorFieldsAsync(list));
        Assert.Equal(HttpStatusCode.BadRequest, one.StatusCode);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("cursor=garbage", "cursor")]
    public async Task A_page_of_orders_is_1_to_100_orders_after_a_real_cursor(string query, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/orders?{query}");
        request.Headers.Add(OrderHeaders.CustomerId, Orders.NewCustomer());

        var response = await factory.CreateClient().SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Cancelling_needs_a_reason()
    {
        var response = await factory.CreateClient().PostAsJsonAsync($"/orders/{Guid.NewGuid()}/cancel", new { reason = "" }, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reason", await ErrorFieldsAsync(response));
    }

    private static PlaceOrderRequest Break(PlaceOrderRequest valid, string rule) => rule switch
    {
        "no lines" => valid with { Lines = [] },
        "51 lines" => valid with { Lines = Enumerable.Range(1, 51).Select(id => new PlaceOrderLine(id, 1)).ToList() },
        "quantity 0" => valid with { Lines = [new(1, 0)] },
        "quantity 100" => valid with { Lines = [new(1, 100)] },
        "product id 0" => valid with { Lines = [new(0, 1)] },
        "duplicate product" => valid with { Lines = [new(1, 1), new(1, 2)] },
        "no address" => valid with { ShippingAddress = null! },
        "no recipient" => valid with { ShippingAddress = valid.ShippingAddress with { Name = "" } },
        "no line1" => valid with { ShippingAddress = valid.ShippingAddress with { Line1 = " " } },
        "long line2" => valid with { ShippingAddress = valid.ShippingAddress with { Line2 = new string('x', 101) } },
        "no city" => valid with { ShippingAddress = valid.ShippingAddress with { City = "" } },
        "no postal code" => valid with { ShippingAddress = valid.ShippingAddress with { PostalCode = "" } },
        "malformed postal code" => valid with { ShippingAddress = valid.ShippingAddress with { PostalCode = "SW1A--1AA" } },
        "no country" => valid with { ShippingAddress = valid.ShippingAddress with { Country = "" } },
        "lower-case country" => valid with { ShippingAddress = valid.ShippingAddress with { Country = "gb" } },
        "no payment token" => valid with { PaymentToken = "" },
        "card number instead of a token" => valid with { PaymentToken = "4242424242424242" },
        "upper-case token" => valid with { PaymentToken = "tok_0123456789ABCDEF0123456789ABCDEF" },
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    private async Task<HttpResponseMessage> PostAsync(string? customer, string? key, PlaceOrderRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(request) };
        if (customer is not null)
        {
            message.Headers.Add(OrderHeaders.CustomerId, customer);
        }

        if (key is not null)
        {
            message.Headers.Add(OrderHeaders.IdempotencyKey, key);
        }

        return await factory.CreateClient().SendAsync(message, Cancellation);
    }

    private static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        return problem.RootElement.GetProperty("errors").EnumerateObject().Select(field => field.Name).ToList();
    }
}
