using System.Diagnostics;
using System.Text;
using Commerce.Bench.Contracts;
using Commerce.Bench.Harness;
using Commerce.Bench.Raw;
using Commerce.Messaging;
using Commerce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commerce.Bench.Outbox;

/// <summary>
/// The transactional outbox (Services/Messaging, its real dispatcher and consumer in a host of its own) against the
/// raw baselines on the same broker and database: delivered messages per second against a bare publisher with
/// confirms in windows of 100, and commit → handled against a bare LISTEN/NOTIFY round trip.
/// </summary>
internal static class OutboxBenchmark
{
    private const string Exchange = "commerce.events";
    private const int LatencyWarmUp = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<BenchSection> RunAsync(BenchMode mode)
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("bench-outbox");
        var broker = await (await RabbitMqServer.SharedAsync()).CreateVirtualHostAsync("bench-outbox");
        using var host = BuildHost(database, broker);
        await host.StartAsync();
        await BrokerQueues.WaitForConsumerAsync(broker, "bench", CancellationToken.None);

        var throughputEvent = IntegrationEventNames.Of<OutboxThroughputSampled>();
        await using var counter = await DeliveryCounter.StartAsync(broker, Exchange, throughputEvent);
        await using var publisher = await RawPublisher.ConnectAsync(broker, Exchange);
        await using var notify = await RawNotifyRoundTrip.StartAsync(database);
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var outbox = host.Services.GetRequiredService<Messaging.Outbox.Outbox>();
        var signals = host.Services.GetRequiredService<HandledSignals>();
        var sequence = 0;

        async Task<double> OutboxDeliveredPerSecondAsync(int messages)
        {
            // Written in one transaction beforehand, so the clock runs from the commit that makes them all visible at
            // once to the last one at the consumer: the dispatcher's own pace, not the writer's.
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            for (var i = 0; i < messages; i++)
            {
                await outbox.EnqueueAsync(new OutboxThroughputSampled(sequence++), transaction, CancellationToken.None);
            }

            var delivered = counter.Expect(messages);
            var clock = Stopwatch.StartNew();
            await transaction.CommitAsync();
            await delivered.WaitAsync(Patience);
            return messages / clock.Elapsed.TotalSeconds;
        }

        async Task<double> RawPublishedPerSecondAsync(int messages)
        {
            var bodies = Enumerable.Range(0, messages).Select(_ => Encoding.UTF8.GetBytes($$"""{"sequence":{{sequence++}}}""")).ToList();
            var delivered = counter.Expect(messages);
            var clock = Stopwatch.StartNew();
            await publisher.PublishAsync(throughputEvent, bodies);
            await delivered.WaitAsync(Patience);
            return messages / clock.Elapsed.TotalSeconds;
        }

        async Task<double> CommitToHandledAsync()
        {
            var sampled = sequence++;
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await outbox.EnqueueAsync(new OutboxLatencySampled(sampled), transaction, CancellationToken.None);
            var handled = signals.Expect(sampled);
            var committing = Stopwatch.GetTimestamp();
            await transaction.CommitAsync();
            return Stopwatch.GetElapsedTime(committing, await handled.WaitAsync(Patience)).TotalMilliseconds;
        }

        async Task<double> NotifyRoundTripAsync() => (await notify.RoundTripAsync(sequence++)).TotalMilliseconds;

        await RawPublishedPerSecondAsync(mode.OutboxMessages / 5);
        await OutboxDeliveredPerSecondAsync(mode.OutboxMessages / 5);
        await SampleAsync(NotifyRoundTripAsync, LatencyWarmUp);
        await SampleAsync(CommitToHandledAsync, LatencyWarmUp);

        List<double> raw = [], outboxed = [];
        List<Latency> notifyLatency = [], handledLatency = [];
        for (var run = 1; run <= mode.Runs; run++)
        {
            raw.Add(await RawPublishedPerSecondAsync(mode.OutboxMessages));
            outboxed.Add(await OutboxDeliveredPerSecondAsync(mode.OutboxMessages));
            // Sample by sample the two would wake each other's listeners; each takes its block of the run instead.
            notifyLatency.Add(Latency.Of(await SampleAsync(NotifyRoundTripAsync, mode.LatencySamples)));
            handledLatency.Add(Latency.Of(await SampleAsync(CommitToHandledAsync, mode.LatencySamples)));
            Console.WriteLine($"outbox run {run}/{mode.Runs}  raw publish {raw[^1],7:F0} msg/s  outbox {outboxed[^1],7:F0} msg/s  " +
                $"NOTIFY p50 {notifyLatency[^1].P50:F2} ms p99 {notifyLatency[^1].P99:F2} ms  commit→handled p50 {handledLatency[^1].P50:F2} ms p99 {handledLatency[^1].P99:F2} ms");
        }

        await host.StopAsync();

        var generator = "the bench (no HTTP): one writer, one counting consumer";
        var sequential = "1 (one at a time)";
        Figure[] figures =
        [
            Figure.Of("outbox-throughput", "outbox delivered", $"raw publish, confirms in windows of {RawPublisher.ConfirmWindow}", "msg/s", outboxed, raw, generator,
                "1 dispatcher / 1 channel"),
            Figure.Of("outbox-commit-to-handled-p50", "outbox commit → handled p50", "raw LISTEN/NOTIFY round trip p50", "ms",
                [.. handledLatency.Select(latency => latency.P50)], [.. notifyLatency.Select(latency => latency.P50)], generator, sequential),
            Figure.Of("outbox-commit-to-handled-p99", "outbox commit → handled p99", "raw LISTEN/NOTIFY round trip p99", "ms",
                [.. handledLatency.Select(latency => latency.P99)], [.. notifyLatency.Select(latency => latency.P99)], generator, sequential),
        ];
        MeasuredRow[] rows =
        [
            new($"outbox: {mode.OutboxMessages} events committed in one transaction → all at the consumer", "1", Spread.Of(outboxed), "msg/s", null, null),
            new($"raw publisher: {mode.OutboxMessages} persistent messages, confirms in windows of {RawPublisher.ConfirmWindow} → all at the consumer", "1", Spread.Of(raw), "msg/s", null, null),
            new($"outbox: commit → handler, {mode.LatencySamples} events a run", "1", null, "", Spread.Of(handledLatency.Select(latency => latency.P50)), Spread.Of(handledLatency.Select(latency => latency.P99))),
            new($"raw: NOTIFY → listener, {mode.LatencySamples} a run", "1", null, "", Spread.Of(notifyLatency.Select(latency => latency.P50)), Spread.Of(notifyLatency.Select(latency => latency.P99))),
        ];
        string[] notes =
        [
            "The outbox side is Services/Messaging as a service uses it (AddMessaging with the service defaults): Outbox.EnqueueAsync in the " +
            "writer's transaction, the dispatcher woken by NOTIFY claiming batches of 100 and publishing them with confirms, the consumer " +
            "handling each message in a transaction with its inbox row. Delivered counts arrivals at one exclusive queue, the same queue for " +
            "the raw publisher (bench/Raw/RawPublisher.cs), which has no database to read from or mark in.",
            "Commit → handled runs from the COMMIT of a transaction holding one event to the consumer's handler being handed it: NOTIFY, " +
            "claim, publish, confirm, delivery, the consumer's transaction. The raw round trip (bench/Raw/RawNotifyRoundTrip.cs) is the " +
            "first of those steps alone: a NOTIFY on one connection to its arrival at a LISTENing one, on the same database.",
        ];
        return new BenchSection("Messaging: the transactional outbox", figures, rows, notes);
    }

    private static IHost BuildHost(string database, Uri broker)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:benchdb"] = database,
            ["ConnectionStrings:eventbus"] = broker.ToString(),
        });
        builder.AddServiceDefaults();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddNpgsqlDataSource("benchdb");
        builder.AddMessaging("bench").AddHandler<OutboxLatencySampled, LatencySampledHandler>();
        builder.Services.AddSingleton<HandledSignals>();
        return builder.Build();
    }

    private static async Task<List<double>> SampleAsync(Func<Task<double>> once, int samples)
    {
        var milliseconds = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            milliseconds.Add(await once());
        }

        return milliseconds;
    }
}
