using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.Testing;
using Refit;
using CancelOrderRequest = Commerce.Bff.Web.Client.Screens.CancelOrderRequest;

namespace Commerce.Bff.Web.Tests.Apis;

public sealed class OrderScreenTests(Downstream downstream)
{
    /// <summary>How long Ordering's outbox and Notifications' consumer may take to turn a placed order into a notification.</summary>
    private static readonly TimeSpan NotificationArrives = TimeSpan.FromSeconds(15);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_orders_screen_lists_only_the_customers_orders_with_their_notifications()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        using var other = await bff.SignInAsync();
        var first = await downstream.PlaceOrderAsync(customer.CustomerId);
        var second = await downstream.PlaceOrderAsync(customer.CustomerId);
        var others = await downstream.PlaceOrderAsync(other.CustomerId);

        var screen = await EventuallyAsync(
            () => customer.GetAsync<OrdersScreen>("/api/orders"),
            orders => orders.Notifications.Select(notification => notification.OrderId).Distinct().Count() == 2);

        Assert.Equal([second.OrderId, first.OrderId], screen.Orders.Select(order => order.OrderId));
        var summary = screen.Orders.Single(order => order.OrderId == first.OrderId);
        Assert.Equal((first.Reference, OrderStatuses.Pending, 1, first.Total, first.Currency), (summary.Reference, summary.Status, summary.ItemCount, summary.Total, summary.Currency));
        Assert.Equal(new[] { first.OrderId, second.OrderId }.Order(), screen.Notifications.Select(notification => notification.OrderId).Distinct().Order());
        Assert.DoesNotContain(screen.Notifications, notification => notification.OrderId == others.OrderId);
        Assert.Empty(screen.Degraded);
        var otherScreen = await other.GetAsync<OrdersScreen>("/api/orders");
        Assert.Equal([others.OrderId], otherScreen.Orders.Select(order => order.OrderId));
    }

    [Theory]
    [InlineData(Fault.Failing)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Stopped)]
    public async Task Without_notifications_the_orders_screen_still_lists_the_orders_quickly_and_says_it_is_degraded(Fault fault)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);
        bff.Faults["notifications"] = fault;

        var watch = Stopwatch.StartNew();
        var response = await customer.Http.GetAsync("/api/orders", Cancellation);
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var screen = (await response.Content.ReadFromJsonAsync<OrdersScreen>(Cancellation))!;
        Assert.Equal([order.OrderId], screen.Orders.Select(summary => summary.OrderId));
        Assert.Equal(["notifications"], screen.Degraded);
        Assert.Empty(screen.Notifications);
        // The screen waits for the notifications' budget (300 ms in these tests), not for the slow service's 10 s.
        Assert.True(watch.Elapsed < FaultNetwork.SlowAnswer / 2, $"the screen took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(Fault.Failing)]
    [InlineData(Fault.Stopped)]
    public async Task Without_notifications_the_notifications_screen_is_empty_and_degraded(Fault fault)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        bff.Faults["notifications"] = fault;

        var screen = await customer.GetAsync<NotificationsScreen>("/api/notifications");

        Assert.Equal(["notifications"], screen.Degraded);
        Assert.Empty(screen.Items);
        Assert.Null(screen.NextCursor);
    }

    [Fact]
    public async Task The_notifications_screen_shows_the_customers_notifications_newest_first()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var first = await downstream.PlaceOrderAsync(customer.CustomerId);
        var second = await downstream.PlaceOrderAsync(customer.CustomerId);

        var screen = await EventuallyAsync(
            () => customer.GetAsync<NotificationsScreen>("/api/notifications"),
            notifications => notifications.Items.Select(item => item.OrderId).Distinct().Count() == 2);

        var stored = await downstream.NotificationsClient().GetNotificationsAsync(customer.CustomerId, cancellationToken: Cancellation);
        Assert.Equal(stored.Items.Select(item => item.Id), screen.Items.Select(item => item.Id));
        Assert.Contains(screen.Items, item => item.OrderId == first.OrderId);
        Assert.Contains(screen.Items, item => item.OrderId == second.OrderId);
        Assert.Equal(screen.Items.OrderByDescending(item => item.OccurredAt).Select(item => item.Id), screen.Items.Select(item => item.Id));
        Assert.Empty(screen.Degraded);
    }

    [Theory]
    [InlineData(Fault.Failing)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Stopped)]
    public async Task Without_ordering_the_orders_screens_are_a_503_with_retry_after(Fault fault)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);
        bff.Faults["ordering"] = fault;

        foreach (var path in new[] { "/api/orders", $"/api/orders/{order.OrderId}" })
        {
            var response = await customer.Http.GetAsync(path, Cancellation);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{path} has no Retry-After");
        }
    }

    [Fact]
    public async Task The_order_screen_shows_the_order_with_its_timeline()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);

        var screen = await customer.GetAsync<OrderScreen>($"/api/orders/{order.OrderId}");

        Assert.Equal((order.OrderId, order.Reference, OrderStatuses.Pending, order.Total, true), (screen.OrderId, screen.Reference, screen.Status, screen.Total, screen.CanCancel));
        var line = Assert.Single(screen.Lines);
        Assert.Equal(new OrderLineView(1, order.Lines[0].ProductName, order.Lines[0].UnitPrice, 1, order.Lines[0].UnitPrice), line);
        Assert.Equal(new OrderProgress("pending", "pending", "pending"), screen.Progress);
        Assert.Equal(new DeliveryAddress("Test Customer", "1 Main Street", null, "Springfield", "94105", "US"), screen.ShippingAddress);
        var placed = Assert.Single(screen.Timeline);
        Assert.Equal(("ordering.order-placed", false), (placed.Kind, placed.IsCompensation));
    }

    [Fact]
    public async Task The_timeline_marks_the_steps_being_undone_as_compensations()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);
        var lines = new[] { new ReservationLine(1, 1) };

        // The saga's participants report as they would when an order is undone: step taken, then compensated.
        await PublishAsync(new StockReserved(order.OrderId, lines));
        await PublishAsync(new PaymentAuthorized(order.OrderId, order.Total, order.Currency, "4242"));
        await PublishAsync(new PaymentVoided(order.OrderId, order.Total, order.Currency, "4242"));
        await PublishAsync(new StockReleased(order.OrderId, lines));

        var screen = await EventuallyAsync(() => customer.GetAsync<OrderScreen>($"/api/orders/{order.OrderId}"), current => current.Timeline.Count == 5);

        Assert.Equal(
            [
                ("ordering.order-placed", false),
                ("inventory.stock-reserved", false),
                ("payments.payment-authorized", false),
                ("payments.payment-voided", true),
                ("inventory.stock-released", true),
            ],
            screen.Timeline.Select(item => (item.Kind, item.IsCompensation)));
        Assert.Equal(new OrderProgress("compensated", "compensated", "pending"), screen.Progress);
    }

    [Fact]
    public async Task The_timeline_tells_the_facts_in_the_order_they_happened_even_when_they_arrive_out_of_turn()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);
        var lines = new[] { new ReservationLine(1, 1) };
        var start = DateTimeOffset.UtcNow;

        // The saga voided the payment, then released the stock; Inventory's event happens to reach Ordering first.
        await PublishAsync(new StockReserved(order.OrderId, lines), start.AddSeconds(1));
        await PublishAsync(new PaymentAuthorized(order.OrderId, order.Total, order.Currency, "4242"), start.AddSeconds(2));
        await PublishAsync(new StockReleased(order.OrderId, lines), start.AddSeconds(4));
        await PublishAsync(new PaymentVoided(order.OrderId, order.Total, order.Currency, "4242"), start.AddSeconds(3));

        var screen = await EventuallyAsync(() => customer.GetAsync<OrderScreen>($"/api/orders/{order.OrderId}"), current => current.Timeline.Count == 5);

        string[] happened = ["ordering.order-placed", "inventory.stock-reserved", "payments.payment-authorized", "payments.payment-voided", "inventory.stock-released"];
        Assert.Equal(happened, screen.Timeline.Select(item => item.Kind));
        Assert.Equal(screen.Timeline.OrderBy(item => item.OccurredAt).Select(item => item.Kind), screen.Timeline.Select(item => item.Kind));
    }

    [Fact]
    public async Task Once_the_shipment_is_created_the_order_screen_no_longer_offers_to_cancel()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);
        var address = order.ShippingAddress;

        await PublishAsync(new StockReserved(order.OrderId, [new ReservationLine(1, 1)]));
        await PublishAsync(new PaymentAuthorized(order.OrderId, order.Total, order.Currency, "4242"));
        var beforeShipping = await EventuallyAsync(() => customer.GetAsync<OrderScreen>($"/api/orders/{order.OrderId}"), current => current.Timeline.Count == 3);
        await PublishAsync(new ShipmentCreated(
            order.OrderId, Guid.NewGuid(), "TRACK-1",
            new ShippingAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            [new ShipmentLine(1, 1)], EstimatedDeliveryDays: 3));
        var shipped = await EventuallyAsync(() => customer.GetAsync<OrderScreen>($"/api/orders/{order.OrderId}"), current => current.Timeline.Count == 4);

        // The saga can stop an order only until its shipment exists; after that a request would change nothing.
        Assert.Equal((OrderStatuses.Pending, true), (beforeShipping.Status, beforeShipping.CanCancel));
        Assert.Equal((OrderStatuses.Pending, "done", false), (shipped.Status, shipped.Progress.Shipment, shipped.CanCancel));
    }

    [Fact]
    public async Task Another_customers_order_is_not_found_to_read_or_to_cancel()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var owner = Guid.NewGuid().ToString();
        var othersOrder = await downstream.PlaceOrderAsync(owner);

        var read = await customer.Http.GetAsync($"/api/orders/{othersOrder.OrderId}", Cancellation);
        var cancel = await customer.SendAsync(customer.Post($"/api/orders/{othersOrder.OrderId}/cancellation", new CancelOrderRequest("mine now")));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, cancel.StatusCode));
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OrderStatus.Pending, (await downstream.OrderingClient().GetOrderAsync(owner, othersOrder.OrderId, Cancellation)).Content!.Order.Status);
    }

    [Fact]
    public async Task A_cancellation_without_the_antiforgery_token_is_refused_and_reaches_nobody()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);
        var orderingCalls = bff.RequestsTo("ordering");

        var response = await customer.SendAsync(SignedInCustomer.PostWithoutToken($"/api/orders/{order.OrderId}/cancellation", new CancelOrderRequest("forged")));

        await ProblemAssert.NamesFieldAsync(response, StorefrontHeaders.AntiforgeryToken, Cancellation);
        Assert.Equal(orderingCalls, bff.RequestsTo("ordering"));
        Assert.Equal(OrderStatus.Pending, (await downstream.OrderingClient().GetOrderAsync(customer.CustomerId, order.OrderId, Cancellation)).Content!.Order.Status);
    }

    [Fact]
    public async Task A_cancellation_is_passed_to_ordering_and_the_order_screen_then_shows_it_requested()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);

        var response = await customer.SendAsync(customer.Post($"/api/orders/{order.OrderId}/cancellation", new CancelOrderRequest("Changed my mind")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await downstream.OrderingClient().GetOrderAsync(customer.CustomerId, order.OrderId, Cancellation)).Content!;
        Assert.Equal(OrderStatus.CancellationRequested, stored.Order.Status);
        var screen = await customer.GetAsync<OrderScreen>($"/api/orders/{order.OrderId}");
        Assert.Equal((OrderStatuses.CancellationRequested, false), (screen.Status, screen.CanCancel));
        Assert.Contains(screen.Timeline, item => item.Kind == "ordering.order-cancellation-requested" && item.Description.Contains("Changed my mind", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ordering_refusing_a_cancellation_is_passed_on_with_its_reason()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);
        await (await downstream.OrderingClient().ConfirmOrderAsync(order.OrderId, Cancellation)).EnsureSuccessStatusCodeAsync();

        var response = await customer.SendAsync(customer.Post($"/api/orders/{order.OrderId}/cancellation"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(OrderingRefusalReasons.OrderConfirmed, problem.RootElement.GetProperty("reason").GetString());
        Assert.False((await customer.GetAsync<OrderScreen>($"/api/orders/{order.OrderId}")).CanCancel);
    }

    [Theory]
    [InlineData("/api/orders/not-an-order", "id")]
    [InlineData("/api/orders/00000000-0000-0000-0000-000000000000", "id")]
    [InlineData("/api/orders?cursor=not-a-cursor", "cursor")]
    public async Task A_bad_order_id_or_cursor_is_a_400_naming_it(string path, string field)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();

        await ProblemAssert.NamesFieldAsync(await customer.Http.GetAsync(path, Cancellation), field, Cancellation);
    }

    [Fact]
    public async Task Past_the_limit_a_customer_gets_429_while_another_customer_is_not_limited()
    {
        const int limit = 10;
        await using var bff = new BffFactory(downstream) { Settings = new() { ["Bff:Limits:PermitsPerWindow"] = $"{limit}" } };
        using var customer = await bff.SignInAsync();
        using var other = await bff.SignInAsync();

        HttpResponseMessage? refused = null;
        for (var request = 0; request <= limit && refused is null; request++)
        {
            var response = await customer.Http.GetAsync("/api/orders", Cancellation);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
            Assert.True(refused is not null || response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}");
        }

        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Equal(HttpStatusCode.OK, (await other.Http.GetAsync("/api/orders", Cancellation)).StatusCode);
    }

    /// <summary>
    /// One event at a time, each a moment after the last, so the timeline's order is the order sent; as having happened
    /// at <paramref name="occurredAt"/> when given.
    /// </summary>
    private async Task PublishAsync<TEvent>(TEvent participantEvent, DateTimeOffset? occurredAt = null) where TEvent : class
    {
        await BrokerQueues.PublishEventAsync(downstream.Ordering.VirtualHost, participantEvent, occurredAt: occurredAt, cancellationToken: Cancellation);
        await Task.Delay(TimeSpan.FromMilliseconds(20), Cancellation);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + NotificationArrives;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTimeOffset.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), Cancellation);
        }
    }
}
