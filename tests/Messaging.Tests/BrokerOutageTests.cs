using Commerce.Probe.Contracts;
using Commerce.Testing;

namespace Commerce.Messaging.Tests;

/// <summary>Each test stops and starts a broker, so each brings its own.</summary>
public sealed class BrokerOutageTests
{
    // The dispatcher backs off up to 30 s and the client recovers every 2 s: a minute covers both.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_committed_while_the_broker_is_down_is_delivered_once_it_is_back()
    {
        await using var rabbit = await RabbitMqServer.StartPrivateAsync(Cancellation);
        await using var service = await MessagingHost.StartAsync(await MessagingHost.CreateDatabaseAsync(Cancellation), rabbit.AmqpUri, cancellationToken: Cancellation);
        await rabbit.StopAsync(Cancellation);

        await service.EnqueueAsync([new ThingHappened("while down")], cancellationToken: Cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Equal(1, await service.QueryScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));

        await rabbit.StartAsync(Cancellation);

        Assert.Equal(1, await service.WaitForCountAsync("SELECT count(*) FROM effects", 1, Patience));
        Assert.Equal(0, await service.QueryScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
    }

    [Fact]
    public async Task A_consumer_keeps_consuming_after_the_broker_restarts_under_it()
    {
        await using var rabbit = await RabbitMqServer.StartPrivateAsync(Cancellation);
        await using var service = await MessagingHost.StartAsync(await MessagingHost.CreateDatabaseAsync(Cancellation), rabbit.AmqpUri, cancellationToken: Cancellation);
        await service.EnqueueAsync([new ThingHappened("before")], cancellationToken: Cancellation);
        Assert.Equal(1, await service.WaitForCountAsync("SELECT count(*) FROM effects", 1, Patience));

        await rabbit.StopAsync(Cancellation);
        await rabbit.StartAsync(Cancellation);
        await service.EnqueueAsync([new ThingHappened("after")], cancellationToken: Cancellation);

        Assert.Equal(2, await service.WaitForCountAsync("SELECT count(*) FROM effects", 2, Patience));
    }
}
