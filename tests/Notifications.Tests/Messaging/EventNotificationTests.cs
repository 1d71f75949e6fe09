using Commerce.Notifications.Api.Domain;
using Commerce.Notifications.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.Testing;

namespace Commerce.Notifications.Tests.Messaging;

/// <summary>Events published on the broker become the customer's notifications, once per event.</summary>
public sealed class EventNotificationTests(NotificationsApiFactory factory) : IClassFixture<NotificationsApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_customer_facing_event_becomes_a_notification_that_tells_the_customer_what_happened()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        var shipped = Guid.NewGuid();
        var cancelled = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);

        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Placed(shipped, customerId), occurredAt: start, cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Confirmed(shipped, customerId), occurredAt: start.AddMinutes(1), cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Dispatched(shipped), occurredAt: start.AddMinutes(2), cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Placed(cancelled, customerId), occurredAt: start.AddMinutes(3), cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Refunded(cancelled), occurredAt: start.AddMinutes(4), cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(
            factory.VirtualHost, SampleEvents.Cancelled(cancelled, customerId, "The payment was declined."), occurredAt: start.AddMinutes(5), cancellationToken: Cancellation);

        var notifications = await api.WaitForNotificationsAsync(customerId, 6, Cancellation);

        var shippedRef = SampleEvents.ReferenceOf(shipped);
        var cancelledRef = SampleEvents.ReferenceOf(cancelled);
        Assert.Equal(
            [
                (cancelled, NotificationKinds.OrderCancelled, $"Your order {cancelledRef} was cancelled. Reason: The payment was declined."),
                (cancelled, NotificationKinds.PaymentRefunded, $"We refunded 34.99 USD to your card ending in 4242 for order {cancelledRef}."),
                (cancelled, NotificationKinds.OrderReceived, $"We received your order {cancelledRef} (3 items, 34.99 USD). We will let you know when it is confirmed."),
                (shipped, NotificationKinds.OrderShipped, $"Your order {shippedRef} is on its way. Tracking number: 1Z999AA10123456784."),
                (shipped, NotificationKinds.OrderConfirmed, $"Your order {shippedRef} is confirmed and is being prepared for shipping."),
                (shipped, NotificationKinds.OrderReceived, $"We received your order {shippedRef} (3 items, 34.99 USD). We will let you know when it is confirmed."),
            ],
            notifications.Select(n => (n.OrderId, n.Kind, n.Text)));
        Assert.Equal(start.AddMinutes(5), notifications[0].OccurredAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Orders_placed_in_the_same_millisecond_are_told_apart_by_their_references_in_every_notification()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        // Time-ordered ids of one millisecond: their first eight hex digits, the old reference, are the same.
        var moment = DateTimeOffset.UtcNow;
        var first = Guid.CreateVersion7(moment);
        var second = Guid.CreateVersion7(moment);
        Assert.Equal(first.ToString("N")[..8], second.ToString("N")[..8]);

        foreach (var orderId in new[] { first, second })
        {
            await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Placed(orderId, customerId), cancellationToken: Cancellation);
            await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Dispatched(orderId), cancellationToken: Cancellation);
        }

        var notifications = await api.WaitForNotificationsAsync(customerId, 4, Cancellation);

        Assert.NotEqual(SampleEvents.ReferenceOf(first), SampleEvents.ReferenceOf(second));
        Assert.All(notifications, notification => Assert.Contains(SampleEvents.ReferenceOf(notification.OrderId), notification.Text, StringComparison.Ordinal));
        Assert.Equal(4, notifications.Select(notification => notification.Text).Distinct().Count());
    }

    [Fact]
    public async Task An_order_learned_without_a_reference_is_named_by_its_id_until_an_Ordering_event_tells_its_reference()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        var orderId = Guid.NewGuid();
        var reference = SampleEvents.ReferenceOf(orderId);

        // Published before Ordering had references: the event has none.
        await BrokerQueues.PublishEventAsync(
            factory.VirtualHost, SampleEvents.Placed(orderId, customerId) with { Reference = null! }, cancellationToken: Cancellation);
        Assert.Contains(orderId.ToString(), Assert.Single(await api.WaitForNotificationsAsync(customerId, 1, Cancellation)).Text, StringComparison.Ordinal);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Confirmed(orderId, customerId), cancellationToken: Cancellation);
        await api.WaitForNotificationsAsync(customerId, 2, Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Dispatched(orderId), cancellationToken: Cancellation);

        var notifications = await api.WaitForNotificationsAsync(customerId, 3, Cancellation);

        var shipped = Assert.Single(notifications, notification => notification.Kind == NotificationKinds.OrderShipped);
        Assert.Equal($"Your order {reference} is on its way. Tracking number: 1Z999AA10123456784.", shipped.Text);
        Assert.Equal(reference, await factory.QueryScalarAsync<string>("SELECT reference FROM order_customers WHERE order_id = @orderId", new { orderId }));
    }

    [Fact]
    public async Task Events_that_do_not_concern_the_customer_record_nothing()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        var orderId = Guid.NewGuid();
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Placed(orderId, customerId), cancellationToken: Cancellation);
        Assert.Single(await api.WaitForNotificationsAsync(customerId, 1, Cancellation));

        // The queue is bound only to the events that notify: the others never reach it.
        var ignored = new[]
        {
            await BrokerQueues.PublishEventAsync(factory.VirtualHost, new PaymentAuthorized(orderId, 34.99m, "USD", "4242"), cancellationToken: Cancellation),
            await BrokerQueues.PublishEventAsync(factory.VirtualHost, new PaymentCaptured(orderId, 34.99m, "USD", "4242"), cancellationToken: Cancellation),
            await BrokerQueues.PublishEventAsync(factory.VirtualHost, new ShipmentCancelled(orderId, Guid.NewGuid()), cancellationToken: Cancellation),
        };
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Confirmed(orderId, customerId), cancellationToken: Cancellation);

        var notifications = await api.WaitForNotificationsAsync(customerId, 2, Cancellation);
        Assert.Equal([NotificationKinds.OrderConfirmed, NotificationKinds.OrderReceived], notifications.Select(n => n.Kind).Order());
        Assert.Equal(0L, await factory.QueryScalarAsync<long>(
            "SELECT count(*) FROM inbox_messages WHERE message_id = ANY(@ignored)", new { ignored }));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_notifies_once()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        var orderId = Guid.NewGuid();
        var placed = SampleEvents.Placed(orderId, customerId);
        var dispatched = SampleEvents.Dispatched(orderId);

        var placedId = await BrokerQueues.PublishEventAsync(factory.VirtualHost, placed, cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, placed, placedId, cancellationToken: Cancellation);
        var dispatchedId = await BrokerQueues.PublishEventAsync(factory.VirtualHost, dispatched, cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, dispatched, dispatchedId, cancellationToken: Cancellation);
        Assert.Equal(2, (await api.WaitForNotificationsAsync(customerId, 2, Cancellation)).Count);

        // Give the duplicates every chance to have an effect: the queue drains, then a moment for those in flight.
        Assert.Equal(0u, await BrokerQueues.WaitForMessageCountAsync(factory.VirtualHost, "notifications", 0, TimeSpan.FromSeconds(30), Cancellation));
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);

        var notifications = await api.GetNotificationsAsync(customerId, cancellationToken: Cancellation);
        Assert.Equal([NotificationKinds.OrderReceived, NotificationKinds.OrderShipped], notifications.Items.Select(n => n.Kind).Order());
    }

    [Fact]
    public async Task A_message_redelivered_after_its_inbox_row_was_purged_still_notifies_once()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        var placed = SampleEvents.Placed(Guid.NewGuid(), customerId);
        var placedId = await BrokerQueues.PublishEventAsync(factory.VirtualHost, placed, cancellationToken: Cancellation);
        Assert.Single(await api.WaitForNotificationsAsync(customerId, 1, Cancellation));
        // What the retention sweep does a week later.
        await factory.QueryScalarAsync<long>(
            "WITH purged AS (DELETE FROM inbox_messages WHERE message_id = @placedId RETURNING 1) SELECT count(*) FROM purged", new { placedId });

        await BrokerQueues.PublishEventAsync(factory.VirtualHost, placed, placedId, cancellationToken: Cancellation);

        Assert.Equal(1L, await WaitForInboxRowAsync(placedId));
        Assert.Single((await api.GetNotificationsAsync(customerId, cancellationToken: Cancellation)).Items);
    }

    private async Task<long> WaitForInboxRowAsync(Guid messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long count;
        while ((count = await factory.QueryScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId })) == 0 &&
               DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Cancellation);
        }

        return count;
    }

    [Fact]
    public async Task A_shipment_event_that_arrives_before_its_order_is_redelivered_until_the_order_is_known()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        var orderId = Guid.NewGuid();

        var dispatchedId = await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Dispatched(orderId), cancellationToken: Cancellation);
        // Long enough for several deliveries to fail and go back to the queue, well short of the delivery limit.
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancellation);
        Assert.Equal(0L, await factory.QueryScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @dispatchedId", new { dispatchedId }));
        Assert.Equal(0L, await factory.QueryScalarAsync<long>("SELECT count(*) FROM notifications WHERE order_id = @orderId", new { orderId }));

        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Placed(orderId, customerId), cancellationToken: Cancellation);

        var notifications = await api.WaitForNotificationsAsync(customerId, 2, Cancellation);
        Assert.Equal([NotificationKinds.OrderReceived, NotificationKinds.OrderShipped], notifications.Select(n => n.Kind).Order());
    }
}
