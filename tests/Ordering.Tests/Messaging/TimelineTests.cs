using Commerce.Testing;
using System.Net;
using Commerce.Inventory.Contracts;
using Commerce.Messaging;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;

namespace Commerce.Ordering.Tests.Messaging;

/// <summary>
/// The saga's participants report through the broker; the timeline and the view follow. Events are published one at
/// a time and each awaited, as the saga's steps happen one after another.
/// </summary>
public sealed class TimelineTests(OrderingApiFactory factory) : IClassFixture<OrderingApiFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly IOrderingApi _client = factory.CreateOrderingClient();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saga_that_succeeds_shows_every_step_done_in_the_timeline_and_the_view()
    {
        var (customer, order) = await PlaceAsync();

        await RunSucceedingSagaAsync(customer, order);

        var details = await GetAsync(customer, order.OrderId);
        Assert.Equal(
        [
            "ordering.order-placed", "inventory.stock-reserved", "payments.payment-authorized", "shipping.shipment-created",
            "payments.payment-captured", "inventory.stock-committed", "ordering.order-confirmed", "shipping.shipment-dispatched",
        ],
            details.Timeline.Select(entry => entry.Kind));
        Assert.Contains("card ending 4242", details.Timeline[2].Description);
        Assert.Equal(OrderStatus.Confirmed, details.Order.Status);
        Assert.Equal(new OrderSteps(StepState.Done, StepState.Done, StepState.Done), details.Order.Steps);
        Assert.Equal(details.Timeline[^1].OccurredAt, details.Order.UpdatedAt);
        Assert.Equal(order.Lines, details.Order.Lines);
    }

    [Fact]
    public async Task A_saga_that_compensates_shows_each_undone_step_and_the_cancellation_reason()
    {
        var (customer, order) = await PlaceAsync();

        await RunCompensatingSagaAsync(customer, order);

        var details = await GetAsync(customer, order.OrderId);
        Assert.Equal(
        [
            "ordering.order-placed", "inventory.stock-reserved", "payments.payment-authorized", "shipping.shipment-created",
            "ordering.order-cancellation-requested", "shipping.shipment-cancelled", "payments.payment-voided",
            "inventory.stock-released", "ordering.order-cancelled",
        ],
            details.Timeline.Select(entry => entry.Kind));
        Assert.Equal(OrderStatus.Cancelled, details.Order.Status);
        Assert.Equal("Cancelled at your request.", details.Order.CancellationReason);
        Assert.Equal(new OrderSteps(StepState.Compensated, StepState.Compensated, StepState.Compensated), details.Order.Steps);
    }

    [Fact]
    public async Task A_saga_that_fails_after_capture_refunds_the_payment_and_shows_it()
    {
        var (customer, order) = await PlaceAsync();
        var id = order.OrderId;
        var facts = 1;

        await PublishAndWaitAsync(customer, id, ++facts, new StockReserved(id, [new ReservationLine(11, 1)]));
        await PublishAndWaitAsync(customer, id, ++facts, new PaymentAuthorized(id, order.Total, order.Currency, "4242"));
        await PublishAndWaitAsync(customer, id, ++facts, new ShipmentCreated(id, Guid.NewGuid(), "CM789", Address(), [new ShipmentLine(11, 1)], 3));
        await PublishAndWaitAsync(customer, id, ++facts, new PaymentCaptured(id, order.Total, order.Currency, "4242"));
        var beforeFailure = await GetAsync(customer, id);
        await PublishAndWaitAsync(customer, id, ++facts, new ShipmentCancelled(id, Guid.NewGuid()));
        await PublishAndWaitAsync(customer, id, ++facts, new PaymentRefunded(id, order.Total, order.Currency, "4242"));
        await PublishAndWaitAsync(customer, id, ++facts, new StockReleased(id, [new ReservationLine(11, 1)]));
        await _client.CancelOrderAsync(id, new CancelOrderRequest("We could not ship your order."), Cancellation);

        Assert.Equal(new OrderSteps(StepState.Done, StepState.Done, StepState.Done), beforeFailure.Order.Steps);
        Assert.Equal(OrderStatus.Pending, beforeFailure.Order.Status);
        var details = await GetAsync(customer, id);
        Assert.Equal(new OrderSteps(StepState.Compensated, StepState.Compensated, StepState.Compensated), details.Order.Steps);
        Assert.Equal(OrderStatus.Cancelled, details.Order.Status);
        Assert.Equal("payments.payment-refunded", details.Timeline[6].Kind);
        Assert.Contains("refunded", details.Timeline[6].Description);
        Assert.Equal("ordering.order-cancelled", details.Timeline[^1].Kind);
    }

    [Fact]
    public async Task Every_participant_event_in_the_table_reaches_the_timeline_through_the_queue_with_its_text()
    {
        var (customer, order) = await PlaceAsync();
        var id = order.OrderId;
        var kinds = new List<string>();
        async Task PublishAsync<TEvent>(TEvent sample) where TEvent : class
        {
            kinds.Add(IntegrationEventNames.Of<TEvent>());
            await PublishAndWaitAsync(customer, id, kinds.Count + 1, sample);
        }

        await PublishAsync(new StockReserved(id, [new ReservationLine(11, 1)]));
        await PublishAsync(new StockCommitted(id, [new ReservationLine(11, 1)]));
        await PublishAsync(new StockReleased(id, [new ReservationLine(11, 1)]));
        await PublishAsync(new PaymentAuthorized(id, order.Total, order.Currency, "4242"));
        await PublishAsync(new PaymentCaptured(id, order.Total, order.Currency, "4242"));
        await PublishAsync(new PaymentVoided(id, order.Total, order.Currency, "4242"));
        await PublishAsync(new PaymentRefunded(id, order.Total, order.Currency, "4242"));
        await PublishAsync(new ShipmentCreated(id, Guid.NewGuid(), "CM321", Address(), [new ShipmentLine(11, 1)], 3));
        await PublishAsync(new ShipmentDispatched(id, Guid.NewGuid(), "CM321"));
        await PublishAsync(new ShipmentCancelled(id, Guid.NewGuid()));

        // A new entry in the table without a sample above fails here: the samples are what prove each entry is consumed.
        Assert.Equal(ParticipantEvents.All.Select(entry => entry.Kind).Order(), kinds.Order());
        var details = await GetAsync(customer, id);
        Assert.Equal(["ordering.order-placed", .. kinds], details.Timeline.Select(entry => entry.Kind));
        Assert.All(details.Timeline, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Description)));
        Assert.Equal(new OrderSteps(StepState.Compensated, StepState.Compensated, StepState.Compensated), details.Order.Steps);
    }

    [Fact]
    public async Task A_redelivered_event_or_the_same_fact_under_another_message_id_changes_nothing()
    {
        var (customer, order) = await PlaceAsync();
        var reserved = new StockReserved(order.OrderId, [new ReservationLine(11, 1)]);
        var messageId = await BrokerQueues.PublishEventAsync(factory.VirtualHost, reserved, cancellationToken: Cancellation);
        var afterFirst = await WaitForTimelineAsync(customer, order.OrderId, 2);

        await BrokerQueues.PublishEventAsync(factory.VirtualHost, reserved, messageId, cancellationToken: Cancellation);
        var otherId = await BrokerQueues.PublishEventAsync(factory.VirtualHost, reserved, cancellationToken: Cancellation);
        await WaitForInboxAsync(otherId);

        JsonAssert.Equal(afterFirst, await GetAsync(customer, order.OrderId));
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId }));
        Assert.Equal(2, await factory.ScalarAsync<long>("SELECT count(*) FROM order_timeline WHERE order_id = @OrderId", new { order.OrderId }));
    }

    [Fact]
    public async Task Rebuilding_the_views_from_the_timelines_gives_back_the_live_views()
    {
        var (succeedingCustomer, succeeding) = await PlaceAsync();
        await RunSucceedingSagaAsync(succeedingCustomer, succeeding);
        var (compensatingCustomer, compensating) = await PlaceAsync();
        await RunCompensatingSagaAsync(compensatingCustomer, compensating);
        var (_, pending) = await PlaceAsync();
        var live = await ViewsAsync();
        Assert.Contains(pending.OrderId.ToString(), live);

        await factory.ExecuteAsync("DELETE FROM order_views");
        Assert.Equal("", await ViewsAsync());
        var rebuilt = await _client.RebuildOrderViewsAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        Assert.Equal(await factory.ScalarAsync<long>("SELECT count(*) FROM orders"), rebuilt.Content!.Orders);
        Assert.Equal(live, await ViewsAsync());
    }

    [Fact]
    public async Task The_timeline_is_append_only()
    {
        var (_, order) = await PlaceAsync();

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            factory.ExecuteAsync("UPDATE order_timeline SET description = 'rewritten' WHERE order_id = @OrderId", new { order.OrderId }));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            factory.ExecuteAsync("DELETE FROM order_timeline WHERE order_id = @OrderId", new { order.OrderId }));
    }

    private async Task RunSucceedingSagaAsync(string customer, OrderDto order)
    {
        var id = order.OrderId;
        var facts = 1;
        await PublishAndWaitAsync(customer, id, ++facts, new StockReserved(id, [new ReservationLine(11, 1)]));
        await PublishAndWaitAsync(customer, id, ++facts, new PaymentAuthorized(id, order.Total, order.Currency, "4242"));
        await PublishAndWaitAsync(customer, id, ++facts, new ShipmentCreated(id, Guid.NewGuid(), "CM123", Address(), [new ShipmentLine(11, 1)], 3));
        await PublishAndWaitAsync(customer, id, ++facts, new PaymentCaptured(id, order.Total, order.Currency, "4242"));
        await PublishAndWaitAsync(customer, id, ++facts, new StockCommitted(id, [new ReservationLine(11, 1)]));
        Assert.Equal(HttpStatusCode.OK, (await _client.ConfirmOrderAsync(id, Cancellation)).StatusCode);
        await PublishAndWaitAsync(customer, id, facts + 2, new ShipmentDispatched(id, Guid.NewGuid(), "CM123"));
    }

    private async Task RunCompensatingSagaAsync(string customer, OrderDto order)
    {
        var id = order.OrderId;
        var facts = 1;
        await PublishAndWaitAsync(customer, id, ++facts, new StockReserved(id, [new ReservationLine(11, 1)]));
        await PublishAndWaitAsync(customer, id, ++facts, new PaymentAuthorized(id, order.Total, order.Currency, "4242"));
        await PublishAndWaitAsync(customer, id, ++facts, new ShipmentCreated(id, Guid.NewGuid(), "CM456", Address(), [new ShipmentLine(11, 1)], 3));
        Assert.Equal(HttpStatusCode.OK, (await _client.RequestCancellationAsync(customer, id, new RequestCancellationRequest("Ordered by mistake"), Cancellation)).StatusCode);
        facts++;
        await PublishAndWaitAsync(customer, id, ++facts, new ShipmentCancelled(id, Guid.NewGuid()));
        await PublishAndWaitAsync(customer, id, ++facts, new PaymentVoided(id, order.Total, order.Currency, "4242"));
        await PublishAndWaitAsync(customer, id, ++facts, new StockReleased(id, [new ReservationLine(11, 1)]));
        Assert.Equal(HttpStatusCode.OK, (await _client.CancelOrderAsync(id, new CancelOrderRequest("Cancelled at your request."), Cancellation)).StatusCode);
    }

    private async Task PublishAndWaitAsync<TEvent>(string customer, Guid orderId, int facts, TEvent integrationEvent)
        where TEvent : class
    {
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, integrationEvent, cancellationToken: Cancellation);
        await WaitForTimelineAsync(customer, orderId, facts);
    }

    private async Task<OrderDetailsDto> WaitForTimelineAsync(string customer, Guid orderId, int facts)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var details = await GetAsync(customer, orderId);
            if (details.Timeline.Count >= facts)
            {
                return details;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Order {orderId} has {details.Timeline.Count} facts, not {facts}, after {Patience}.");
            }

            await Task.Delay(50, Cancellation);
        }
    }

    private async Task WaitForInboxAsync(Guid messageId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await factory.ScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId }) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Message {messageId} was not handled within {Patience}.");
            await Task.Delay(50, Cancellation);
        }
    }

    private async Task<OrderDetailsDto> GetAsync(string customer, Guid orderId)
    {
        var response = await _client.GetOrderAsync(customer, orderId, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Content!;
    }

    /// <summary>Every view row as stored, in a stable order: what "the same views" means.</summary>
    private Task<string> ViewsAsync() => factory.ScalarAsync<string>(
        "SELECT coalesce(string_agg(order_id || ' ' || customer_id || ' ' || placed_at || ' ' || document::text, E'\n' ORDER BY order_id), '') FROM order_views");

    private async Task<(string Customer, OrderDto Order)> PlaceAsync()
    {
        var customer = Orders.NewCustomer();
        var response = await _client.PlaceOrderAsync(customer, Orders.NewKey(), Orders.Request((11, 1)), Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (customer, response.Content!);
    }

    private static ShippingAddress Address() => new("Ada Lovelace", "12 Analytical Row", "Flat 3", "London", "SW1A 1AA", "GB");
}
