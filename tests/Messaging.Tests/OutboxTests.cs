using System.Diagnostics;
using Commerce.Probe.Contracts;
using Commerce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Messaging.Tests;

/// <summary>The outbox on the shared broker, each test in its own virtual host and database.</summary>
public sealed class OutboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing()
    {
        var broker = await NewVirtualHostAsync();
        await using var probe = await BrokerProbe.StartAsync(broker, ["probe.#"], cancellationToken: Cancellation);
        await using var service = await MessagingHost.StartAsync(await MessagingHost.CreateDatabaseAsync(Cancellation), broker, consume: false, cancellationToken: Cancellation);

        await service.EnqueueAsync([new ThingHappened("rolled back")], commit: false, Cancellation);
        var committed = await service.EnqueueAsync([new ThingHappened("committed")], commit: true, Cancellation);

        var first = await probe.NextAsync(Patience, Cancellation);
        Assert.Equal(committed[0].ToString(), first.MessageId);
        Assert.Empty(await probe.CollectUntilDrainedAsync(service.Database, Cancellation));
        Assert.Equal(1, await service.QueryScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE event_name = 'probe.thing-happened'"));
    }

    [Fact]
    public async Task A_published_event_carries_its_name_id_and_the_trace_of_the_request_that_wrote_it()
    {
        var broker = await NewVirtualHostAsync();
        await using var probe = await BrokerProbe.StartAsync(broker, ["probe.thing-happened"], cancellationToken: Cancellation);
        await using var service = await MessagingHost.StartAsync(await MessagingHost.CreateDatabaseAsync(Cancellation), broker, consume: false, cancellationToken: Cancellation);
        using var request = new Activity("place order").SetIdFormat(ActivityIdFormat.W3C).Start();

        var ids = await service.EnqueueAsync([new ThingHappened("traced")], cancellationToken: Cancellation);
        request.Stop();

        var message = await probe.NextAsync(Patience, Cancellation);
        Assert.Equal("probe.thing-happened", message.RoutingKey);
        Assert.Equal(ids[0].ToString(), message.MessageId);
        Assert.Equal("traced", message.Json.GetProperty("value").GetString());
        var traceParent = Assert.IsType<string>(message.Headers["traceparent"]);
        Assert.Contains(request.TraceId.ToHexString(), traceParent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_the_outbox_to_drain_outlasts_a_dispatcher_that_is_not_running_and_then_holds_what_it_published()
    {
        var broker = await NewVirtualHostAsync();
        var database = await MessagingHost.CreateDatabaseAsync(Cancellation);
        await using var probe = await BrokerProbe.StartAsync(broker, ["probe.#"], cancellationToken: Cancellation);
        await using var stopped = await MessagingHost.StartAsync(database, broker, consume: false, cancellationToken: Cancellation);
        await stopped.StopAsync();
        var ids = await stopped.EnqueueAsync([new ThingHappened("published late")], cancellationToken: Cancellation);

        var draining = probe.CollectUntilDrainedAsync(database, Cancellation);
        // Longer than any fixed quiet period a test could afford: a slow dispatcher must not pass for one that published nothing.
        await Task.Delay(TimeSpan.FromSeconds(3), Cancellation);
        Assert.False(draining.IsCompleted, "with no dispatcher running the outbox cannot have been drained");
        await using var dispatcher = await MessagingHost.StartAsync(database, broker, consume: false, cancellationToken: Cancellation);

        var published = await draining;
        Assert.Equal([ids[0].ToString()], published.Select(message => message.MessageId));
    }

    [Fact]
    public async Task A_thousand_events_from_two_dispatchers_all_arrive_and_each_has_its_effect_once()
    {
        var broker = await NewVirtualHostAsync();
        var database = await MessagingHost.CreateDatabaseAsync(Cancellation);
        await using var probe = await BrokerProbe.StartAsync(broker, ["probe.thing-happened"], cancellationToken: Cancellation);
        await using var first = await MessagingHost.StartAsync(database, broker, configure: SmallBatches, cancellationToken: Cancellation);
        await using var second = await MessagingHost.StartAsync(database, broker, configure: SmallBatches, cancellationToken: Cancellation);

        // Twenty transactions of fifty, from both replicas at once.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(batch =>
            (batch % 2 == 0 ? first : second).EnqueueAsync(
                Enumerable.Range(0, 50).Select(i => new ThingHappened($"{batch}-{i}")), cancellationToken: Cancellation)));

        Assert.Equal(1000, await first.WaitForCountAsync("SELECT count(DISTINCT message_id) FROM effects", 1000, TimeSpan.FromMinutes(1)));
        Assert.Equal(1000, await first.QueryScalarAsync<long>("SELECT count(*) FROM effects"));
        Assert.Equal(0, await first.WaitForCountAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", 0, Patience));
        var published = new HashSet<string?>();
        while (published.Count < 1000)
        {
            published.Add((await probe.NextAsync(Patience, Cancellation)).MessageId);
        }

        static void SmallBatches(MessagingOptions options) => options.DispatchBatchSize = 25;
    }

    [Fact]
    public async Task A_duplicate_from_a_crash_between_publishing_and_marking_sent_has_its_effect_once()
    {
        var broker = await NewVirtualHostAsync();
        await using var probe = await BrokerProbe.StartAsync(broker, ["probe.thing-happened"], cancellationToken: Cancellation);
        // One message at a time, so a later event's effect shows that the duplicate before it was handled.
        await using var service = await MessagingHost.StartAsync(
            await MessagingHost.CreateDatabaseAsync(Cancellation), broker, configure: options => options.ConsumerConcurrency = 1, cancellationToken: Cancellation);
        var ids = await service.EnqueueAsync([new ThingHappened("once")], cancellationToken: Cancellation);
        Assert.Equal(1, await service.WaitForCountAsync("SELECT count(*) FROM effects", 1, Patience));

        // What a dispatcher that died after the broker's confirm but before its UPDATE leaves behind: a sent row marked unsent.
        await service.QueryScalarAsync<long>("WITH reset AS (UPDATE outbox_messages SET sent_at = NULL RETURNING 1) SELECT count(*) FROM reset");

        var deliveries = new[] { await probe.NextAsync(Patience, Cancellation), await probe.NextAsync(Patience, Cancellation) };
        Assert.All(deliveries, delivery => Assert.Equal(ids[0].ToString(), delivery.MessageId));
        Assert.Equal(0, await service.WaitForCountAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", 0, Patience));
        await service.EnqueueAsync([new ThingHappened("after")], cancellationToken: Cancellation);
        Assert.Equal(2, await service.WaitForCountAsync("SELECT count(*) FROM effects", 2, Patience));
        Assert.Equal(1, await service.QueryScalarAsync<long>("SELECT count(*) FROM effects WHERE value = 'once'"));
        Assert.Equal(2, await service.QueryScalarAsync<long>("SELECT count(*) FROM inbox_messages"));
    }

    [Fact]
    public async Task Old_sent_and_handled_rows_are_purged_in_batches_and_unsent_rows_are_kept()
    {
        var broker = await NewVirtualHostAsync();
        await using var service = await MessagingHost.StartAsync(
            await MessagingHost.CreateDatabaseAsync(Cancellation), broker,
            configure: options => { options.Retention = TimeSpan.FromMilliseconds(1); options.PurgeBatchSize = 2; },
            cancellationToken: Cancellation);
        await service.EnqueueAsync(Enumerable.Range(0, 5).Select(i => new ThingHappened($"old {i}")), cancellationToken: Cancellation);
        Assert.Equal(5, await service.WaitForCountAsync("SELECT count(*) FROM inbox_messages", 5, Patience));
        Assert.Equal(0, await service.WaitForCountAsync("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", 0, Patience));
        // Stopped, so no dispatcher publishes the row that stands for an event still waiting for the broker.
        await service.StopAsync();
        await service.QueryScalarAsync<long>(
            """
            WITH unsent AS (
                INSERT INTO outbox_messages (id, event_name, payload, occurred_at) VALUES (gen_random_uuid(), 'probe.thing-happened', '{}', now() - interval '1 day')
                RETURNING 1)
            SELECT count(*) FROM unsent
            """);

        var purged = await service.Services.GetRequiredService<MessageRetention>().PurgeAsync(Cancellation);

        Assert.Equal(10, purged);
        Assert.Equal(0, await service.QueryScalarAsync<long>("SELECT count(*) FROM inbox_messages"));
        Assert.Equal(0, await service.QueryScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL"));
        Assert.Equal(1, await service.QueryScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
    }

    private static async Task<Uri> NewVirtualHostAsync() =>
        await (await RabbitMqServer.SharedAsync(Cancellation)).CreateVirtualHostAsync("messaging", Cancellation);
}
