using Commerce.Probe.Contracts;
using Commerce.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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
    public async Task A_consumer_keeps_consuming_after_the_broker_restarts_under_it_and_health_follows_the_broker()
    {
        await using var rabbit = await RabbitMqServer.StartPrivateAsync(Cancellation);
        await using var service = await MessagingHost.StartAsync(await MessagingHost.CreateDatabaseAsync(Cancellation), rabbit.AmqpUri, cancellationToken: Cancellation);
        await service.EnqueueAsync([new ThingHappened("before")], cancellationToken: Cancellation);
        Assert.Equal(1, await service.WaitForCountAsync("SELECT count(*) FROM effects", 1, Patience));
        Assert.Equal(HealthStatus.Healthy, await service.WaitForBrokerHealthAsync(HealthStatus.Healthy, Patience));

        await rabbit.StopAsync(Cancellation);
        Assert.Equal(HealthStatus.Unhealthy, await service.WaitForBrokerHealthAsync(HealthStatus.Unhealthy, Patience));
        await rabbit.StartAsync(Cancellation);
        Assert.Equal(HealthStatus.Healthy, await service.WaitForBrokerHealthAsync(HealthStatus.Healthy, Patience));
        await service.EnqueueAsync([new ThingHappened("after")], cancellationToken: Cancellation);

        Assert.Equal(2, await service.WaitForCountAsync("SELECT count(*) FROM effects", 2, Patience));
    }

    [Fact]
    public async Task A_service_started_while_its_broker_is_down_starts_reports_the_broker_unhealthy_and_publishes_and_consumes_once_it_is_up()
    {
        await using var rabbit = await RabbitMqServer.StartPrivateAsync(Cancellation);
        await rabbit.StopAsync(Cancellation);
        await using var service = await MessagingHost.StartAsync(
            await MessagingHost.CreateDatabaseAsync(Cancellation), rabbit.AmqpUri, brokerIsDown: true, cancellationToken: Cancellation);

        Assert.Equal(HealthStatus.Unhealthy, await service.WaitForBrokerHealthAsync(HealthStatus.Unhealthy, TimeSpan.Zero));
        await service.EnqueueAsync([new ThingHappened("while down")], cancellationToken: Cancellation);

        await rabbit.StartAsync(Cancellation);

        Assert.Equal(HealthStatus.Healthy, await service.WaitForBrokerHealthAsync(HealthStatus.Healthy, Patience));
        // Published once the broker is up; whether it arrived depends on whether the consumer had declared its (new)
        // queue by then, so the outbox says it left, and an event after the consumer is there says consuming began.
        Assert.Equal(0, await service.WaitForCountAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", 0, Patience));
        await BrokerQueues.WaitForConsumerAsync(rabbit.AmqpUri, "probe", Cancellation);
        await service.EnqueueAsync([new ThingHappened("once up")], cancellationToken: Cancellation);
        Assert.Equal(1, await service.WaitForCountAsync("SELECT count(*) FROM effects WHERE value = 'once up'", 1, Patience));
    }
}
