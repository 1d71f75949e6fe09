// Place-order latency: from the request entering Ordering to its 201 coming out, measured by an HTTP client over
// loopback, for sequential requests. Ordering and Catalog run as their real Programs on Kestrel, and Ordering reaches
// Catalog through service discovery over HTTP, so every placement includes the batch price lookup, the transaction
// (order, lines, timeline fact, view, outbox event, idempotency key) and the commit.
//
//   dotnet run -c Release --project bench/PlaceOrderLatency [-- samples]
//
// Uses the servers named by COMMERCE_TEST_POSTGRES / COMMERCE_TEST_RABBITMQ(_MANAGEMENT) when set (as under
// test.sh), else starts throwaway ones from the local binaries.
extern alias catalogapi;
extern alias orderingapi;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Commerce.Bench;
using Commerce.Ordering.Contracts;
using Commerce.Testing;

var samples = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
const int warmUp = 20;

// WebApplicationFactory finds each service's content root through the manifest beside this program, by a path
// relative to the working directory.
Environment.CurrentDirectory = AppContext.BaseDirectory;

var postgres = await PostgresServer.SharedAsync();
var rabbitMq = await RabbitMqServer.SharedAsync();

await using var catalog = new ServiceHost<catalogapi::Program>(new Dictionary<string, string?>
{
    ["ConnectionStrings:catalogdb"] = await postgres.CreateDatabaseAsync("bench-catalog"),
    ["ConnectionStrings:eventbus"] = (await rabbitMq.CreateVirtualHostAsync("bench-catalog")).ToString(),
});
catalog.Start();

await using var ordering = new ServiceHost<orderingapi::Program>(new Dictionary<string, string?>
{
    ["ConnectionStrings:orderingdb"] = await postgres.CreateDatabaseAsync("bench-ordering"),
    ["ConnectionStrings:eventbus"] = (await rabbitMq.CreateVirtualHostAsync("bench-ordering")).ToString(),
    ["services:catalog:http:0"] = catalog.Address.ToString(),
});
ordering.Start();

using var http = new HttpClient { BaseAddress = ordering.Address };
var customer = $"bench-{Guid.NewGuid():N}";
var request = new PlaceOrderRequest(
    [new PlaceOrderLine(1, 2), new PlaceOrderLine(42, 1), new PlaceOrderLine(137, 3)],
    new OrderAddress("Ada Lovelace", "12 Analytical Row", null, "London", "SW1A 1AA", "GB"),
    "tok_0123456789abcdef0123456789abcdef");

Uri? lastLocation = null;

async Task<TimeSpan> TimeAsync(HttpRequestMessage message, HttpStatusCode expected)
{
    message.Headers.Add("X-Customer-Id", customer);
    var clock = Stopwatch.StartNew();
    using var response = await http.SendAsync(message);
    await response.Content.LoadIntoBufferAsync();
    var elapsed = clock.Elapsed;
    if (response.StatusCode != expected)
    {
        throw new InvalidOperationException($"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    lastLocation = response.Headers.Location;
    return elapsed;
}

Task<TimeSpan> PlaceOnceAsync()
{
    var message = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(request) };
    message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
    return TimeAsync(message, HttpStatusCode.Created);
}

// The baseline: reading back one order from the same service (one HTTP round trip and one query), in the same run.
Task<TimeSpan> ReadOnceAsync(Uri order) => TimeAsync(new HttpRequestMessage(HttpMethod.Get, order), HttpStatusCode.OK);

async Task<List<double>> MeasureAsync(Func<Task<TimeSpan>> once)
{
    for (var i = 0; i < warmUp; i++)
    {
        await once();
    }

    var milliseconds = new List<double>(samples);
    for (var i = 0; i < samples; i++)
    {
        milliseconds.Add((await once()).TotalMilliseconds);
    }

    milliseconds.Sort();
    return milliseconds;
}

var placed = await MeasureAsync(PlaceOnceAsync);
var placedOrder = lastLocation ?? throw new InvalidOperationException("A placement answered no Location.");
var read = await MeasureAsync(() => ReadOnceAsync(placedOrder));

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

Console.WriteLine($"samples: {samples} each (after {warmUp} warm-up), sequential, 3 lines per order, Catalog over HTTP");
Console.WriteLine($"baseline     GET one order:            median {Percentile(read, 0.5):F2} ms, p90 {Percentile(read, 0.9):F2} ms, p99 {Percentile(read, 0.99):F2} ms");
Console.WriteLine($"place order  HTTP in -> 201 out:       median {Percentile(placed, 0.5):F2} ms, p90 {Percentile(placed, 0.9):F2} ms, p99 {Percentile(placed, 0.99):F2} ms, max {placed[^1]:F2} ms");
Console.WriteLine($"ratio        place / read (median):    {Percentile(placed, 0.5) / Percentile(read, 0.5):F2}");
