// Outbox latency: the time from the COMMIT of a transaction that wrote an event to the event reaching a subscriber,
// through the real dispatcher (woken by NOTIFY), against a baseline measured in the same run on the same broker: a
// plain confirmed publish of the same message to the same exchange, timed from publish to arrival.
//
//   dotnet run -c Release --project bench/OutboxLatency [-- samples]
//
// Uses the servers named by COMMERCE_TEST_POSTGRES / COMMERCE_TEST_RABBITMQ(_MANAGEMENT) when set (as under
// test.sh), else starts throwaway ones from the local binaries.
using System.Diagnostics;
using System.Text;
using Commerce.Bench.Contracts;
using Commerce.Messaging;
using Commerce.Messaging.Outbox;
using Commerce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;

var samples = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100;
const int warmUp = 10;
var eventName = IntegrationEventNames.Of<LatencySampled>();

var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("bench");
var broker = await (await RabbitMqServer.SharedAsync()).CreateVirtualHostAsync("bench");

var builder = Host.CreateApplicationBuilder();
builder.AddServiceDefaults();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:benchdb"] = database,
    ["ConnectionStrings:eventbus"] = broker.ToString(),
});
builder.AddNpgsqlDataSource("benchdb");
builder.AddMessaging("bench");
using var host = builder.Build();
await host.StartAsync();

await using var probe = await BrokerProbe.StartAsync(broker, [eventName]);
var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
var outbox = host.Services.GetRequiredService<Outbox>();

async Task<TimeSpan> ThroughOutboxAsync(int sequence)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var transaction = await connection.BeginTransactionAsync();
    await outbox.EnqueueAsync(new LatencySampled(sequence), transaction, CancellationToken.None);
    var clock = Stopwatch.StartNew();
    await transaction.CommitAsync();
    await probe.NextAsync(TimeSpan.FromSeconds(30));
    return clock.Elapsed;
}

await using var connectionToBroker = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
await using var channel = await connectionToBroker.CreateChannelAsync(
    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

async Task<TimeSpan> PlainPublishAsync(int sequence)
{
    var body = Encoding.UTF8.GetBytes($$"""{"sequence":{{sequence}}}""");
    var clock = Stopwatch.StartNew();
    await channel.BasicPublishAsync("commerce.events", eventName, mandatory: false,
        new BasicProperties { MessageId = Guid.NewGuid().ToString(), DeliveryMode = DeliveryModes.Persistent }, body);
    await probe.NextAsync(TimeSpan.FromSeconds(30));
    return clock.Elapsed;
}

async Task<List<double>> MeasureAsync(Func<int, Task<TimeSpan>> once)
{
    for (var i = 0; i < warmUp; i++)
    {
        await once(-i);
    }

    var milliseconds = new List<double>(samples);
    for (var i = 0; i < samples; i++)
    {
        milliseconds.Add((await once(i)).TotalMilliseconds);
    }

    milliseconds.Sort();
    return milliseconds;
}

// Interleaving the two would let one's wake-ups disturb the other; each runs alone, the baseline first and last.
var baselineBefore = await MeasureAsync(PlainPublishAsync);
var outboxed = await MeasureAsync(ThroughOutboxAsync);
var baselineAfter = await MeasureAsync(PlainPublishAsync);
var baseline = baselineBefore.Concat(baselineAfter).Order().ToList();

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

Console.WriteLine($"samples: {samples} each (after {warmUp} warm-up), sequential, one event at a time");
Console.WriteLine($"baseline  plain confirmed publish -> subscriber: median {Percentile(baseline, 0.5):F2} ms, p90 {Percentile(baseline, 0.9):F2} ms, p99 {Percentile(baseline, 0.99):F2} ms");
Console.WriteLine($"outbox    commit -> subscriber:                  median {Percentile(outboxed, 0.5):F2} ms, p90 {Percentile(outboxed, 0.9):F2} ms, p99 {Percentile(outboxed, 0.99):F2} ms");
Console.WriteLine($"ratio     outbox / baseline (median):            {Percentile(outboxed, 0.5) / Percentile(baseline, 0.5):F2}");

await host.StopAsync();
