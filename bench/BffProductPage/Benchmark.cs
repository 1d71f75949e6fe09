// The web BFF's product page against a bare three-way fan-out of the same downstream calls. Catalog, Inventory and
// Shipping run as their real Programs on Kestrel (demo catalog and stock seeded, real PostgreSQL and RabbitMQ), the
// BFF's real Program in front of them in Production, the bare fan-out (plain HttpClients, Task.WhenAll, the three
// JSON bodies side by side) beside it. Closed-loop load walks the 240 demo products, by wrk when it is on PATH, else
// by the bench's own generator. Every row gets a warm-up, then the rows take turns, run after run, so a neighbour's
// burst of CPU falls on all of them alike.
//
//   dotnet run -c Release --project bench/BffProductPage [-- [--quick] [--closed-loop]]
//
// --quick: 2 s runs after 1 s warm-ups, for CI. --closed-loop: the bench's own generator even where wrk is installed.
// Uses the servers named by COMMERCE_TEST_POSTGRES / COMMERCE_TEST_RABBITMQ(_MANAGEMENT) when set (as under test.sh),
// else starts throwaway ones from the local binaries. The table is printed and written to
// .test-results/bench-bff-product-page.md.
using System.Text.Json;

namespace Commerce.Bench.BffProductPage;

internal static class Benchmark
{
    private const int Runs = 3;

    public static async Task Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var warmUp = TimeSpan.FromSeconds(quick ? 1 : 5);
        var duration = TimeSpan.FromSeconds(quick ? 2 : 10);
        ILoadGenerator? wrk = args.Contains("--closed-loop") ? null : await WrkLoad.FindAsync();
        var load = wrk ?? new ClosedLoopLoad();
        var machineBefore = MachineFacts.LoadAverage();
        var reportPath = Path.Combine(MachineFacts.RepositoryRoot(), ".test-results", "bench-bff-product-page.md");

        // WebApplicationFactory finds each service's content root through the manifest beside this program.
        Environment.CurrentDirectory = AppContext.BaseDirectory;

        await using var system = await ProductPageSystem.StartAsync();

        Row[] rows =
        [
            new(RowKind.Bff, LoadTarget.BffProductPage(system.Bff), 16),
            new(RowKind.Bare, LoadTarget.BareFanOut(system.Bare), 16),
            new(RowKind.Bff, LoadTarget.BffProductPage(system.Bff), 1),
            new(RowKind.Bare, LoadTarget.BareFanOut(system.Bare), 1),
            new(RowKind.SingleCall, LoadTarget.CatalogProduct(system.Catalog), 1),
            new(RowKind.SingleCall, LoadTarget.InventoryStock(system.Inventory), 1),
            new(RowKind.SingleCall, LoadTarget.ShippingQuote(system.Shipping), 1),
        ];

        await CheckEveryRequestAsync(rows);
        foreach (var row in rows)
        {
            await load.RunAsync(row.Target, row.Concurrency, warmUp);
        }

        using var calls = new DownstreamCalls();
        Uri[] services = [system.Catalog, system.Inventory, system.Shipping];
        for (var run = 1; run <= Runs; run++)
        {
            foreach (var row in rows)
            {
                calls.ClearDurations();
                var catalogCallsBefore = calls.CallsTo(system.Catalog);
                var failuresBefore = services.Sum(calls.FailuresOf);
                var measured = await load.RunAsync(row.Target, row.Concurrency, duration);
                row.Runs.Add(measured);
                if (row.Kind == RowKind.Bff)
                {
                    row.PagesNotAggregated += Math.Max(0, measured.Requests - (calls.CallsTo(system.Catalog) - catalogCallsBefore));
                    row.FailedDownstreamCalls += services.Sum(calls.FailuresOf) - failuresBefore;
                    if (row.Concurrency == 1)
                    {
                        row.Inside.Add(new InsideTheBff(Latency.Of(calls.PageDurations()), [.. services.Select(service => Latency.Of(calls.CallDurations(service)))]));
                    }
                }

                Console.WriteLine($"run {run}/{Runs}  {row.Target.Name,-42} c{row.Concurrency,-3} {measured.RequestsPerSecond,8:F0} req/s  p50 {measured.P50Milliseconds,6:F2} ms  p99 {measured.P99Milliseconds,6:F2} ms");
            }
        }

        var command = string.Join(' ', ["dotnet run -c Release --project bench/BffProductPage", .. args.Length > 0 ? ["--", .. args] : Array.Empty<string>()]);
        var report = new Report(rows, command, load.Description, Runs, warmUp, duration, machineBefore, MachineFacts.LoadAverage()).ToMarkdown();
        Console.WriteLine();
        Console.WriteLine(report);
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        await File.WriteAllTextAsync(reportPath, report);
        Console.WriteLine($"written to {reportPath}");
    }

    /// <summary>
    /// Every request the load will send, once, before any load: each must answer 2xx, and the BFF's page be whole
    /// (nothing degraded), or the figures would be those of an error or a fallback.
    /// </summary>
    private static async Task CheckEveryRequestAsync(IEnumerable<Row> rows)
    {
        using var http = new HttpClient();
        foreach (var target in rows.Select(row => row.Target).DistinctBy(target => target.Name))
        {
            // The very first page compiles the whole path, which on a busy machine can outlast a part's budget.
            for (var attempt = 1; attempt <= 20 && !await IsWholeAsync(http, target, LoadTarget.ProductIds.First()); attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            foreach (var productId in LoadTarget.ProductIds)
            {
                if (!await IsWholeAsync(http, target, productId))
                {
                    throw new InvalidOperationException($"{target.Name} failed or was degraded for product {productId}: see the warnings above.");
                }
            }
        }
    }

    private static async Task<bool> IsWholeAsync(HttpClient http, LoadTarget target, int productId)
    {
        using var request = target.RequestFor(productId);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.ValueKind != JsonValueKind.Object
            || !body.RootElement.TryGetProperty("degraded", out var degraded)
            || degraded.GetArrayLength() == 0;
    }
}

internal enum RowKind
{
    Bff,
    Bare,
    SingleCall,
}

/// <summary>One line of the table: a target at a concurrency, and what each run of it measured.</summary>
internal sealed class Row(RowKind kind, LoadTarget target, int concurrency)
{
    public RowKind Kind => kind;

    public LoadTarget Target => target;

    public int Concurrency => concurrency;

    public List<LoadRun> Runs { get; } = [];

    /// <summary>For the BFF at concurrency 1: each run as its own metrics saw it.</summary>
    public List<InsideTheBff> Inside { get; } = [];

    /// <summary>
    /// Pages served without a Catalog call of their own: from the output cache, or from a concurrent request for the
    /// same product that the cache let answer both (it does so while that request is in flight); should stay near 0.
    /// </summary>
    public long PagesNotAggregated { get; set; }

    /// <summary>Downstream calls that failed or ran out of budget during the BFF's runs, each a degraded page: should stay 0.</summary>
    public long FailedDownstreamCalls { get; set; }
}

/// <summary>A BFF run from inside: the page's server time, and each downstream call's (Catalog, Inventory, Shipping).</summary>
internal sealed record InsideTheBff(Latency Page, IReadOnlyList<Latency> Calls);
