using Commerce.Notifications.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Testing;

namespace Commerce.Notifications.Tests.Apis;

public sealed class NotificationsApiTests(NotificationsApiFactory factory) : IClassFixture<NotificationsApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Paging_walks_every_notification_once_newest_first()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        // Seven orders; two share a moment, so the id has to break the tie.
        var moments = new[] { 0, 1, 2, 3, 3, 5, 6 }.Select(minutes => start.AddMinutes(minutes)).ToArray();
        foreach (var moment in moments)
        {
            await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Confirmed(Guid.NewGuid(), customerId), occurredAt: moment, cancellationToken: Cancellation);
        }

        var all = await api.WaitForNotificationsAsync(customerId, moments.Length, Cancellation);

        var walked = new List<NotificationDto>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await api.GetNotificationsAsync(customerId, cursor, pageSize: 3, Cancellation);
            walked.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(moments.Length, walked.Count);
        Assert.Equal(all.Select(n => n.Id), walked.Select(n => n.Id));
        Assert.Equal(walked.Count, walked.Select(n => n.Id).Distinct().Count());
        Assert.Equal(moments.OrderDescending(), walked.Select(n => n.OccurredAt), new WithinAMillisecond());
        Assert.True(walked.Zip(walked.Skip(1)).All(pair =>
            pair.First.OccurredAt > pair.Second.OccurredAt ||
            (pair.First.OccurredAt == pair.Second.OccurredAt && pair.First.Id.CompareTo(pair.Second.Id) > 0)));
    }

    [Fact]
    public async Task Another_customer_sees_none_of_a_customers_notifications()
    {
        var api = factory.CreateNotificationsClient();
        var customerId = SampleEvents.NewCustomer();
        var orderId = Guid.NewGuid();
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Placed(orderId, customerId), cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(factory.VirtualHost, SampleEvents.Dispatched(orderId), cancellationToken: Cancellation);
        Assert.Equal(2, (await api.WaitForNotificationsAsync(customerId, 2, Cancellation)).Count);

        var someoneElse = await api.GetNotificationsAsync(SampleEvents.NewCustomer(), cancellationToken: Cancellation);

        Assert.Empty(someoneElse.Items);
        Assert.Null(someoneElse.NextCursor);
    }

    [Fact]
    public async Task A_customer_with_no_notifications_gets_an_empty_page()
    {
        var page = await factory.CreateNotificationsClient().GetNotificationsAsync(SampleEvents.NewCustomer(), cancellationToken: Cancellation);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    private sealed class WithinAMillisecond : IEqualityComparer<DateTimeOffset>
    {
        public bool Equals(DateTimeOffset x, DateTimeOffset y) => (x - y).Duration() < TimeSpan.FromMilliseconds(1);

        public int GetHashCode(DateTimeOffset obj) => 0;
    }
}
