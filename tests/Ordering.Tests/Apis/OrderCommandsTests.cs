using System.Net;
using Commerce.Ordering.Contracts;
using Commerce.Testing;

namespace Commerce.Ordering.Tests.Apis;

public sealed class OrderCommandsTests(OrderingApiFactory factory) : IClassFixture<OrderingApiFactory>
{
    private static readonly string[] OrderEvents =
        ["ordering.order-confirmed", "ordering.order-cancelled", "ordering.order-cancellation-requested"];

    private readonly IOrderingApi _client = factory.CreateOrderingClient();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Confirming_publishes_OrderConfirmed_once_and_a_repeat_returns_the_order_unchanged()
    {
        var (customer, order) = await PlaceAsync();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, OrderEvents, cancellationToken: Cancellation);

        var confirmed = await _client.ConfirmOrderAsync(order.OrderId, Cancellation);
        var repeat = await _client.ConfirmOrderAsync(order.OrderId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(OrderStatus.Confirmed, confirmed.Content!.Status);
        JsonAssert.Equal(confirmed.Content, repeat.Content);
        var message = await probe.NextForAsync(order.OrderId, Cancellation);
        Assert.Equal("ordering.order-confirmed", message.RoutingKey);
        Assert.Equal(customer, message.Json.GetProperty("customerId").GetString());
        Assert.Empty(await probe.CollectForAsync(order.OrderId, factory.ConnectionString, Cancellation));
        Assert.Equal(2, await factory.ScalarAsync<long>("SELECT count(*) FROM order_timeline WHERE order_id = @OrderId", new { order.OrderId }));
    }

    [Fact]
    public async Task Cancelling_publishes_OrderCancelled_with_the_reason_once_and_the_first_reason_stays()
    {
        var (customer, order) = await PlaceAsync();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, OrderEvents, cancellationToken: Cancellation);

        var cancelled = await _client.CancelOrderAsync(order.OrderId, new CancelOrderRequest("Your card was declined."), Cancellation);
        var repeat = await _client.CancelOrderAsync(order.OrderId, new CancelOrderRequest("Another reason."), Cancellation);

        Assert.Equal(OrderStatus.Cancelled, cancelled.Content!.Status);
        Assert.Equal("Your card was declined.", cancelled.Content.CancellationReason);
        JsonAssert.Equal(cancelled.Content, repeat.Content);
        var message = await probe.NextForAsync(order.OrderId, Cancellation);
        Assert.Equal("ordering.order-cancelled", message.RoutingKey);
        Assert.Equal("Your card was declined.", message.Json.GetProperty("reason").GetString());
        Assert.Equal(customer, message.Json.GetProperty("customerId").GetString());
        Assert.Empty(await probe.CollectForAsync(order.OrderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task A_customer_may_request_cancellation_before_confirmation_which_publishes_once()
    {
        var (customer, order) = await PlaceAsync();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, OrderEvents, cancellationToken: Cancellation);

        var requested = await _client.RequestCancellationAsync(customer, order.OrderId, new RequestCancellationRequest("Changed my mind"), Cancellation);
        var repeat = await _client.RequestCancellationAsync(customer, order.OrderId, new RequestCancellationRequest(null), Cancellation);

        Assert.Equal(OrderStatus.CancellationRequested, requested.Content!.Status);
        JsonAssert.Equal(requested.Content, repeat.Content);
        var message = await probe.NextForAsync(order.OrderId, Cancellation);
        Assert.Equal("ordering.order-cancellation-requested", message.RoutingKey);
        Assert.Equal("Changed my mind", message.Json.GetProperty("reason").GetString());
        Assert.Empty(await probe.CollectForAsync(order.OrderId, factory.ConnectionString, Cancellation));

        // Too late to stop (the shipment existed): the saga confirms an order whose cancellation was requested.
        Assert.Equal(OrderStatus.Confirmed, (await _client.ConfirmOrderAsync(order.OrderId, Cancellation)).Content!.Status);
    }

    [Fact]
    public async Task A_confirmed_order_cannot_be_cancelled_nor_its_cancellation_requested()
    {
        var (customer, order) = await PlaceAsync();
        await _client.ConfirmOrderAsync(order.OrderId, Cancellation);

        var cancel = await _client.CancelOrderAsync(order.OrderId, new CancelOrderRequest("Too late."), Cancellation);
        var request = await _client.RequestCancellationAsync(customer, order.OrderId, new RequestCancellationRequest(null), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("order-confirmed", await cancel.ReasonAsync()); // the wire word itself, which clients branch on
        Assert.Equal(HttpStatusCode.Conflict, request.StatusCode);
        Assert.Equal(OrderingRefusalReasons.OrderConfirmed, await request.ReasonAsync());
        Assert.Equal(2, await factory.ScalarAsync<long>("SELECT count(*) FROM order_timeline WHERE order_id = @OrderId", new { order.OrderId }));
    }

    [Fact]
    public async Task A_cancelled_order_cannot_be_confirmed_nor_its_cancellation_requested()
    {
        var (customer, order) = await PlaceAsync();
        await _client.CancelOrderAsync(order.OrderId, new CancelOrderRequest("Out of stock."), Cancellation);

        var confirm = await _client.ConfirmOrderAsync(order.OrderId, Cancellation);
        var request = await _client.RequestCancellationAsync(customer, order.OrderId, new RequestCancellationRequest(null), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, confirm.StatusCode);
        Assert.Equal(OrderingRefusalReasons.OrderCancelled, await confirm.ReasonAsync());
        Assert.Equal(HttpStatusCode.Conflict, request.StatusCode);
        Assert.Equal(OrderingRefusalReasons.OrderCancelled, await request.ReasonAsync());
        Assert.Equal(OrderStatus.Cancelled, (await _client.GetOrderAsync(customer, order.OrderId, Cancellation)).Content!.Order.Status);
    }

    [Fact]
    public async Task Another_customers_order_is_a_404_for_reading_and_for_requesting_cancellation()
    {
        var (_, order) = await PlaceAsync();
        var stranger = Orders.NewCustomer();

        var read = await _client.GetOrderAsync(stranger, order.OrderId, Cancellation);
        var cancel = await _client.RequestCancellationAsync(stranger, order.OrderId, new RequestCancellationRequest(null), Cancellation);
        var list = await _client.GetOrdersAsync(stranger, cancellationToken: Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Empty(list.Content!.Items);
        Assert.Equal("pending", await factory.ScalarAsync<string>("SELECT status FROM orders WHERE order_id = @OrderId", new { order.OrderId }));
    }

    [Fact]
    public async Task Commands_on_an_order_that_does_not_exist_are_404s()
    {
        var orderId = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await _client.ConfirmOrderAsync(orderId, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.CancelOrderAsync(orderId, new CancelOrderRequest("x"), Cancellation)).StatusCode);
    }

    [Fact]
    public async Task My_orders_come_newest_first_one_page_at_a_time()
    {
        var customer = Orders.NewCustomer();
        var placed = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add((await _client.PlaceOrderAsync(customer, Orders.NewKey(), Orders.Request((20 + i, 1)), Cancellation)).Content!.OrderId);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await _client.GetOrdersAsync(customer, cursor, pageSize: 2, Cancellation)).Content!;
            seen.AddRange(page.Items.Select(order => order.OrderId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(placed), seen);
        Assert.Equal(3, pages);
    }

    private async Task<(string Customer, OrderDto Order)> PlaceAsync()
    {
        var customer = Orders.NewCustomer();
        var response = await _client.PlaceOrderAsync(customer, Orders.NewKey(), Orders.Request((11, 1)), Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (customer, response.Content!);
    }
}
