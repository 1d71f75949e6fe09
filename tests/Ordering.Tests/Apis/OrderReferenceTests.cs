using System.Collections.Concurrent;
using System.Net;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;
using Commerce.Testing;

namespace Commerce.Ordering.Tests.Apis;

/// <summary>
/// Each order's short reference: unique however close together orders are placed, the same on every read and
/// repeat, and on the events that tell the customer about the order. Ordering's clock stands still here, so every
/// order of this class is placed in the same microsecond.
/// </summary>
public sealed class OrderReferenceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Moment = new(2026, 12, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private readonly ScriptedReferences _references = new();
    private readonly OrderingApiFactory _factory;

    public OrderReferenceTests() => _factory = new() { Time = new StoppedClock(Moment), References = _references };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _factory.InitializeAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Orders_placed_in_the_same_millisecond_get_different_references()
    {
        var client = _factory.CreateOrderingClient();

        var orders = new List<OrderDto>();
        for (var order = 0; order < 10; order++)
        {
            var placed = await client.PlaceOrderAsync(Orders.NewCustomer(), Orders.NewKey(), Orders.Request((1, 1)), Cancellation);
            Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
            orders.Add(placed.Content!);
        }

        // The old reference, the first 8 hex digits of the time-ordered id, is the same for all of them.
        Assert.Single(orders.Select(order => order.OrderId.ToString("N")[..8]).Distinct());
        Assert.All(orders, order => Assert.True(OrderReference.IsWellFormed(order.Reference), order.Reference));
        Assert.Equal(orders.Count, orders.Select(order => order.Reference).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task The_reference_is_on_the_order_read_back_in_the_customers_list_in_orderingdb_and_on_OrderPlaced()
    {
        var client = _factory.CreateOrderingClient();
        var customer = Orders.NewCustomer();
        await using var probe = await BrokerProbe.StartAsync(_factory.VirtualHost, ["ordering.order-placed"], cancellationToken: Cancellation);

        var order = (await client.PlaceOrderAsync(customer, Orders.NewKey(), Orders.Request((2, 1)), Cancellation)).Content!;

        var details = await client.GetOrderAsync(customer, order.OrderId, Cancellation);
        Assert.Equal(order.Reference, details.Content!.Order.Reference);
        Assert.Equal(order.Reference, Assert.Single((await client.GetOrdersAsync(customer, cancellationToken: Cancellation)).Content!.Items).Reference);
        Assert.Equal(order.Reference, await _factory.ScalarAsync<string>("SELECT reference FROM orders WHERE order_id = @orderId", new { order.OrderId }));
        var placed = await probe.NextForAsync(order.OrderId, Cancellation);
        Assert.Equal(order.Reference, placed.Json.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task OrderConfirmed_and_OrderCancelled_carry_the_orders_reference()
    {
        var client = _factory.CreateOrderingClient();
        var confirmed = (await client.PlaceOrderAsync(Orders.NewCustomer(), Orders.NewKey(), Orders.Request((3, 1)), Cancellation)).Content!;
        var cancelled = (await client.PlaceOrderAsync(Orders.NewCustomer(), Orders.NewKey(), Orders.Request((3, 1)), Cancellation)).Content!;
        await using var probe = await BrokerProbe.StartAsync(
            _factory.VirtualHost, ["ordering.order-confirmed", "ordering.order-cancelled"], cancellationToken: Cancellation);

        Assert.Equal(HttpStatusCode.OK, (await client.ConfirmOrderAsync(confirmed.OrderId, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.CancelOrderAsync(cancelled.OrderId, new CancelOrderRequest("Out of stock."), Cancellation)).StatusCode);

        Assert.Equal(confirmed.Reference, (await probe.NextForAsync(confirmed.OrderId, Cancellation)).Json.GetProperty("reference").GetString());
        Assert.Equal(cancelled.Reference, (await probe.NextForAsync(cancelled.OrderId, Cancellation)).Json.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task A_repeat_of_the_same_request_with_the_same_Idempotency_Key_returns_the_same_reference()
    {
        var client = _factory.CreateOrderingClient();
        var customer = Orders.NewCustomer();
        var key = Orders.NewKey();

        var first = await client.PlaceOrderAsync(customer, key, Orders.Request((4, 2)), Cancellation);
        var repeat = await client.PlaceOrderAsync(customer, key, Orders.Request((4, 2)), Cancellation);

        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(first.Content!.OrderId, repeat.Content!.OrderId);
        Assert.Equal(first.Content.Reference, repeat.Content.Reference);
    }

    [Fact]
    public async Task A_reference_that_is_already_taken_is_drawn_again()
    {
        var client = _factory.CreateOrderingClient();
        var first = (await client.PlaceOrderAsync(Orders.NewCustomer(), Orders.NewKey(), Orders.Request((5, 1)), Cancellation)).Content!;
        var fresh = OrderReference.Draw();
        _references.Queue(first.Reference, fresh);

        var second = await client.PlaceOrderAsync(Orders.NewCustomer(), Orders.NewKey(), Orders.Request((5, 1)), Cancellation);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(fresh, second.Content!.Reference);
        Assert.Equal(1, await _factory.ScalarAsync<long>("SELECT count(*) FROM orders WHERE reference = @reference", new { reference = first.Reference }));
    }

    /// <summary>The references a test queued, then random draws as in production.</summary>
    private sealed class ScriptedReferences : IOrderReferenceSource
    {
        private readonly ConcurrentQueue<string> _queued = new();

        public void Queue(params string[] references)
        {
            foreach (var reference in references)
            {
                _queued.Enqueue(reference);
            }
        }

        public string Next() => _queued.TryDequeue(out var reference) ? reference : OrderReference.Draw();
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
