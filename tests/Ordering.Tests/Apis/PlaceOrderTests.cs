using System.Net;
using System.Net.Http.Json;
using System.Text;
using Commerce.Ordering.Api.Apis;
using Commerce.Ordering.Contracts;
using Commerce.Testing;

namespace Commerce.Ordering.Tests.Apis;

public sealed class PlaceOrderTests(OrderingApiFactory factory) : IClassFixture<OrderingApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Placing_an_order_writes_it_pending_with_Catalog_prices_its_first_fact_and_OrderPlaced()
    {
        var client = factory.CreateOrderingClient();
        var customer = Orders.NewCustomer();
        var products = await factory.CreateCatalogClient().GetProductsByIdsAsync([1, 2], Cancellation);
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["ordering.order-placed"], cancellationToken: Cancellation);

        var response = await client.PlaceOrderAsync(customer, Orders.NewKey(), Orders.Request((1, 2), (2, 1)), Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = response.Content!;
        Assert.Equal($"/orders/{order.OrderId}", response.Headers!.Location?.OriginalString);
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(
            [new OrderLine(1, products[0].Name, products[0].Price, 2), new OrderLine(2, products[1].Name, products[1].Price, 1)],
            order.Lines);
        Assert.Equal(products[0].Price * 2 + products[1].Price, order.Total);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(Orders.Address, order.ShippingAddress);
        Assert.Equal(new OrderSteps(StepState.Pending, StepState.Pending, StepState.Pending), order.Steps);
        Assert.Equal((1, 2, 1, 1, 1, 1), await factory.CountRowsAsync(order.OrderId));

        var placed = await probe.NextForAsync(order.OrderId, Cancellation);
        Assert.Equal("ordering.order-placed", placed.RoutingKey);
        Assert.Equal(order.OrderId, placed.Json.GetProperty("orderId").GetGuid());
        Assert.Equal(customer, placed.Json.GetProperty("customerId").GetString());
        Assert.Equal(order.Total, placed.Json.GetProperty("total").GetDecimal());
        Assert.Equal(Orders.PaymentToken, placed.Json.GetProperty("paymentToken").GetString());
        Assert.Equal(2, placed.Json.GetProperty("lines").GetArrayLength());
        Assert.Equal(products[0].Price, placed.Json.GetProperty("lines")[0].GetProperty("unitPrice").GetDecimal());
        Assert.Equal("GB", placed.Json.GetProperty("shippingAddress").GetProperty("country").GetString());

        var details = (await client.GetOrderAsync(customer, order.OrderId, Cancellation)).Content!;
        JsonAssert.Equal(order, details.Order);
        Assert.Equal("ordering.order-placed", Assert.Single(details.Timeline).Kind);
    }

    [Fact]
    public async Task A_failure_after_the_order_is_inserted_leaves_neither_the_order_nor_its_event()
    {
        // The database refuses OrderPlaced for these customers only: the outbox insert comes after the order's rows.
        await factory.ExecuteAsync(
            """
            CREATE OR REPLACE FUNCTION fail_outbox_for_doomed_customers() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.payload->>'customerId' LIKE 'doomed-%' THEN
                    RAISE EXCEPTION 'forced failure after the order insert';
                END IF;
                RETURN NEW;
            END;
            $$;
            DROP TRIGGER IF EXISTS fail_outbox_for_doomed_customers ON outbox_messages;
            CREATE TRIGGER fail_outbox_for_doomed_customers BEFORE INSERT ON outbox_messages
                FOR EACH ROW EXECUTE FUNCTION fail_outbox_for_doomed_customers();
            """);
        var customer = $"doomed-{Guid.NewGuid():N}";

        var response = await factory.CreateOrderingClient().PlaceOrderAsync(customer, Orders.NewKey(), Orders.Request((3, 1)), Cancellation);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal((0, 0, 0, 0, 0, 0), await factory.CountCustomerRowsAsync(customer));
        Assert.Equal(0, await factory.ScalarAsync<long>("SELECT count(*) FROM orders WHERE customer_id = @customer", new { customer }));
        Assert.Equal(0, await factory.ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE customer_id = @customer", new { customer }));
    }

    [Fact]
    public async Task A_repeat_with_the_same_key_and_body_returns_the_original_201_and_creates_nothing()
    {
        var client = factory.CreateOrderingClient();
        var customer = Orders.NewCustomer();
        var key = Orders.NewKey();
        var request = Orders.Request((4, 3));
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["ordering.order-placed"], cancellationToken: Cancellation);
        var first = await client.PlaceOrderAsync(customer, key, request, Cancellation);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await probe.NextForAsync(first.Content!.OrderId, Cancellation);

        // The order moves on; a repeat still gets the response the first request got.
        Assert.Equal(HttpStatusCode.OK, (await client.ConfirmOrderAsync(first.Content!.OrderId, Cancellation)).StatusCode);
        var repeat = await client.PlaceOrderAsync(customer, key, request with { Lines = [new PlaceOrderLine(4, 3)] }, Cancellation);

        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(first.Headers!.Location, repeat.Headers!.Location);
        JsonAssert.Equal(first.Content, repeat.Content);
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM orders WHERE customer_id = @customer", new { customer }));
        // A second order would have another id: look for anything of this customer's.
        Assert.DoesNotContain(
            await probe.CollectUntilDrainedAsync(factory.ConnectionString, Cancellation),
            message => message.Json.GetProperty("customerId").GetString() == customer);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_422_and_creates_nothing()
    {
        var client = factory.CreateOrderingClient();
        var customer = Orders.NewCustomer();
        var key = Orders.NewKey();
        Assert.Equal(HttpStatusCode.Created, (await client.PlaceOrderAsync(customer, key, Orders.Request((5, 1)), Cancellation)).StatusCode);

        var different = await client.PlaceOrderAsync(customer, key, Orders.Request((5, 2)), Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal(OrderingRefusalReasons.IdempotencyKeyReused, await different.ReasonAsync());
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM orders WHERE customer_id = @customer", new { customer }));
    }

    [Fact]
    public async Task Keys_are_scoped_per_customer_so_two_customers_may_use_the_same_one()
    {
        var client = factory.CreateOrderingClient();
        var key = Orders.NewKey();

        var first = await client.PlaceOrderAsync(Orders.NewCustomer(), key, Orders.Request((6, 1)), Cancellation);
        var second = await client.PlaceOrderAsync(Orders.NewCustomer(), key, Orders.Request((6, 1)), Cancellation);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(first.Content!.OrderId, second.Content!.OrderId);
    }

    [Fact]
    public async Task Concurrent_duplicates_place_one_order_and_all_get_its_201()
    {
        var client = factory.CreateOrderingClient();
        var customer = Orders.NewCustomer();
        var key = Orders.NewKey();
        var request = Orders.Request((7, 1), (8, 2));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PlaceOrderAsync(customer, key, request, Cancellation)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Single(responses.Select(response => response.Content!.OrderId).Distinct());
        Assert.Equal((1, 2, 1, 1, 1, 1), await factory.CountRowsAsync(responses[0].Content!.OrderId));
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM orders WHERE customer_id = @customer", new { customer }));
    }

    [Fact]
    public async Task Prices_a_client_sends_are_ignored()
    {
        var http = factory.CreateClient();
        var product = (await factory.CreateCatalogClient().GetProductsByIdsAsync([9], Cancellation)).Single();
        var customer = Orders.NewCustomer();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = new StringContent(
                $$"""
                {
                  "lines": [ { "productId": 9, "quantity": 2, "unitPrice": 0.01, "price": 0.01, "productName": "Free stuff" } ],
                  "shippingAddress": { "name": "Ada Lovelace", "line1": "12 Analytical Row", "city": "London", "postalCode": "SW1A 1AA", "country": "GB" },
                  "paymentToken": "{{Orders.PaymentToken}}",
                  "total": 0.02,
                  "currency": "XXX"
                }
                """,
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Add(OrderHeaders.CustomerId, customer);
        request.Headers.Add(OrderHeaders.IdempotencyKey, Orders.NewKey());

        var response = await http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<OrderDto>(Cancellation))!;
        Assert.Equal(new OrderLine(9, product.Name, product.Price, 2), Assert.Single(order.Lines));
        Assert.Equal(product.Price * 2, order.Total);
        Assert.Equal(product.Currency, order.Currency);
        Assert.Equal(product.Price * 2, await factory.ScalarAsync<decimal>("SELECT total FROM orders WHERE order_id = @OrderId", new { order.OrderId }));
    }

    [Fact]
    public async Task Unknown_products_are_a_400_naming_them_and_nothing_is_written()
    {
        var customer = Orders.NewCustomer();

        var response = await factory.CreateOrderingClient().PlaceOrderAsync(
            customer, Orders.NewKey(), Orders.Request((10, 1), (99_999, 1), (88_888, 2)), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(OrderingRefusalReasons.UnknownProducts, problem.Extensions["reason"]?.ToString());
        Assert.Contains("99999", problem.Extensions["productIds"]?.ToString());
        Assert.Contains("88888", problem.Extensions["productIds"]?.ToString());
        var errors = System.Text.Json.JsonDocument.Parse(((Refit.ApiException)response.Error!).Content!).RootElement.GetProperty("errors");
        Assert.Equal(["lines[1].productId", "lines[2].productId"], errors.EnumerateObject().Select(field => field.Name).Order());
        Assert.Equal((0, 0, 0, 0, 0, 0), await factory.CountCustomerRowsAsync(customer));
    }
}

public sealed class CatalogUnavailableTests : IAsyncLifetime
{
    private readonly OrderingApiFactory _factory = new() { CatalogReachable = false };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _factory.InitializeAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_order_cannot_be_placed_while_Catalog_is_unavailable_a_503_with_Retry_After_and_nothing_written()
    {
        var customer = Orders.NewCustomer();

        var response = await _factory.CreateOrderingClient().PlaceOrderAsync(customer, Orders.NewKey(), Orders.Request((1, 1)), Cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers!.RetryAfter?.Delta);
        Assert.Equal((0, 0, 0, 0, 0, 0), await _factory.CountCustomerRowsAsync(customer));
    }
}
