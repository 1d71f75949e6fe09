using Commerce.Ordering.Contracts;
using Commerce.Testing;

namespace Commerce.Notifications.Tests.Delivery;

/// <summary>Recorded notifications reach the sender after they are recorded, each once, even when the sender fails for a while.</summary>
public sealed class DeliveryTests(NotificationsApiFactory factory) : IClassFixture<NotificationsApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sender_is_called_once_per_notification_even_when_its_event_is_delivered_twice()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        var orderId = Guid.NewGuid();
        var placedId = await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Placed(orderId, customerId), cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Placed(orderId, customerId), placedId, cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Confirmed(orderId, customerId), cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Dispatched(orderId), cancellationToken: Cancellation);

        var recorded = await api.WaitForNotificationsAsync(customerId, 3, Cancellation);
        Assert.True(await AllSentAsync(customerId), "Not every notification was sent");
        // A moment more, for any second send to show itself.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);

        var sent = factory.Sender.SentTo(customerId);
        Assert.Equal(recorded.Select(n => n.Id).Order(), sent.Select(n => n.Id).Order());
        Assert.All(recorded, notification =>
        {
            Assert.Equal(1, factory.Sender.AttemptsFor(notification.Id));
            Assert.Equal(notification.Text, Assert.Single(sent, n => n.Id == notification.Id).Text);
        });
    }

    [Fact]
    public async Task A_failed_send_is_retried_until_the_sender_succeeds_and_is_then_not_sent_again()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        factory.Sender.FailFirstSends(customerId, 2);

        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Placed(Guid.NewGuid(), customerId), cancellationToken: Cancellation);

        var notification = Assert.Single(await api.WaitForNotificationsAsync(customerId, 1, Cancellation));
        Assert.True(await AllSentAsync(customerId), "The notification was never sent");
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Single(factory.Sender.SentTo(customerId));
        Assert.Equal(3, factory.Sender.AttemptsFor(notification.Id));
        Assert.Equal(3, await factory.QueryScalarAsync<int>("SELECT send_attempts FROM notifications WHERE id = @Id", new { notification.Id }));
    }

    private async Task<bool> AllSentAsync(string customerId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await factory.QueryScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE customer_id = @customerId AND sent_at IS NULL", new { customerId }) > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(100, Cancellation);
        }

        return true;
    }
}
