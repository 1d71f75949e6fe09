using Commerce.Testing;
namespace Commerce.Notifications.Tests.Messaging;

public sealed class UnknownOrderTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_for_an_order_that_never_appears_is_dead_lettered_after_its_deliveries_and_notifies_no_one()
    {
        // Its own service with a short delivery limit, so the dead-lettering comes within the test's patience.
        await using var service = new NotificationsApiFactory { MaxDeliveries = 3 };
        await service.InitializeAsync();
        var orderId = Guid.NewGuid();

        var refundId = await BrokerQueues.PublishEventAsync(service.VirtualHost, SampleEvents.Refunded(orderId), cancellationToken: Cancellation);

        Assert.Equal(1u, await BrokerQueues.WaitForMessageCountAsync(service.VirtualHost, "notifications.dead-letter", 1, TimeSpan.FromSeconds(30), Cancellation));
        Assert.Equal(0L, await service.QueryScalarAsync<long>("SELECT count(*) FROM notifications"));
        Assert.Equal(0L, await service.QueryScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @refundId", new { refundId }));
    }
}
