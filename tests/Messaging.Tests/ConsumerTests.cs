using System.Text;
using Commerce.Probe.Contracts;
using Commerce.Testing;

namespace Commerce.Messaging.Tests;

public sealed class ConsumerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_handler_that_always_fails_is_dead_lettered_after_the_delivery_limit_while_other_messages_keep_flowing()
    {
        var broker = await (await RabbitMqServer.SharedAsync(Cancellation)).CreateVirtualHostAsync("consumer", Cancellation);
        await using var service = await MessagingHost.StartAsync(
            await MessagingHost.CreateDatabaseAsync(Cancellation), broker, configure: options => options.MaxDeliveries = 3, cancellationToken: Cancellation);
        var attemptsBefore = Volatile.Read(ref FailOnPoison.Attempts);

        await service.EnqueueAsync([new PoisonArrived("never")], cancellationToken: Cancellation);
        await service.EnqueueAsync(Enumerable.Range(0, 5).Select(i => new ThingHappened($"fine {i}")), cancellationToken: Cancellation);

        Assert.Equal(5, await service.WaitForCountAsync("SELECT count(*) FROM effects", 5, Patience));
        Assert.Equal(1u, await BrokerQueues.WaitForMessageCountAsync(broker, "probe.dead-letter", 1, Patience, Cancellation));
        Assert.Equal(3, Volatile.Read(ref FailOnPoison.Attempts) - attemptsBefore);
        Assert.Equal(0, await service.QueryScalarAsync<long>("SELECT count(*) FROM effects WHERE value = 'never'"));
        Assert.Equal(0, await service.QueryScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE event_name = 'probe.poison-arrived'"));
    }

    [Fact]
    public async Task A_message_that_cannot_be_the_event_it_claims_is_dead_lettered_at_once()
    {
        var broker = await (await RabbitMqServer.SharedAsync(Cancellation)).CreateVirtualHostAsync("consumer", Cancellation);
        await using var service = await MessagingHost.StartAsync(await MessagingHost.CreateDatabaseAsync(Cancellation), broker, cancellationToken: Cancellation);

        await BrokerQueues.PublishRawAsync(broker, "probe.thing-happened", Guid.NewGuid().ToString(), Encoding.UTF8.GetBytes("not json"), Cancellation);
        await BrokerQueues.PublishRawAsync(broker, "probe.thing-happened", messageId: null, Encoding.UTF8.GetBytes("""{"value":"no id"}"""), Cancellation);

        Assert.Equal(2u, await BrokerQueues.WaitForMessageCountAsync(broker, "probe.dead-letter", 2, Patience, Cancellation));
        Assert.Equal(0, await service.QueryScalarAsync<long>("SELECT count(*) FROM effects"));
    }

    [Fact]
    public async Task A_consumer_behind_a_closed_start_gate_takes_nothing_off_the_queue_until_the_gate_opens()
    {
        var broker = await (await RabbitMqServer.SharedAsync(Cancellation)).CreateVirtualHostAsync("consumer", Cancellation);
        var gate = new ConsumerGate();
        await using var service = await MessagingHost.StartAsync(
            await MessagingHost.CreateDatabaseAsync(Cancellation), broker, gate: gate, cancellationToken: Cancellation);

        await gate.Reached.WaitAsync(Patience, Cancellation);
        // Waiting at the gate, it has not even declared its queue: one look finds no consumer.
        await Assert.ThrowsAsync<TimeoutException>(() =>
            BrokerQueues.WaitForConsumerAsync(broker, "probe", Cancellation, patience: TimeSpan.Zero));

        gate.Open();
        await BrokerQueues.WaitForConsumerAsync(broker, "probe", Cancellation);
        await service.EnqueueAsync([new ThingHappened("after the gate")], cancellationToken: Cancellation);
        Assert.Equal(1, await service.WaitForCountAsync("SELECT count(*) FROM effects WHERE value = 'after the gate'", 1, Patience));
    }
}
