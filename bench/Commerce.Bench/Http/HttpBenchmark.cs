using System.Text.Json;
using Commerce.Bench.Harness;
using Commerce.Bench.Load;

namespace Commerce.Bench.Http;

/// <summary>
/// Catalog's list and get against the raw catalog, the web BFF's product page against the raw fan-out, and the
/// page at concurrency 1 against its slowest downstream call. Every row gets a warm-up, then the rows take turns,
/// run after run, so a neighbour's burst of CPU falls on all of them alike.
/// </summary>
internal static class HttpBenchmark
{
    private const int Concurrency = 16;

    public static async Task<BenchSection> RunAsync(BenchMode mode, ILoadGenerator load)
    {
        await using var system = await HttpSystem.StartAsync();
        var (catalogPages, rawPages) = await HttpTargets.ListPagesAsync(system.Catalog, system.RawCatalog);

        var catalogList = new LoadRow(catalogPages, Concurrency);
        var rawList = new LoadRow(rawPages, Concurrency);
        var catalogGet = new LoadRow(HttpTargets.CatalogProduct(system.Catalog), Concurrency);
        var rawGet = new LoadRow(HttpTargets.RawProduct(system.RawCatalog), Concurrency);
        var bff = new LoadRow(HttpTargets.BffProductPage(system.Bff), Concurrency, isBff: true);
        var rawFanOut = new LoadRow(HttpTargets.RawFanOut(system.RawFanOut), Concurrency);
        var bffAlone = new LoadRow(HttpTargets.BffProductPage(system.Bff), 1, isBff: true);
        var rawFanOutAlone = new LoadRow(HttpTargets.RawFanOut(system.RawFanOut), 1);
        LoadRow[] downstream =
        [
            new(HttpTargets.CatalogProduct(system.Catalog), 1),
            new(HttpTargets.InventoryStock(system.Inventory), 1),
            new(HttpTargets.ShippingQuote(system.Shipping), 1),
        ];
        LoadRow[] rows = [catalogList, rawList, catalogGet, rawGet, bff, rawFanOut, bffAlone, rawFanOutAlone, .. downstream];

        await CheckEveryRequestAsync(rows.Select(row => row.Target));
        foreach (var row in rows)
        {
            await load.RunAsync(row.Target, row.Concurrency, mode.WarmUp);
        }

        using var calls = new DownstreamCalls();
        Uri[] services = [system.Catalog, system.Inventory, system.Shipping];
        for (var run = 1; run <= mode.Runs; run++)
        {
            foreach (var row in rows)
            {
                var catalogCallsBefore = calls.CallsTo(system.Catalog);
                var failuresBefore = services.Sum(calls.FailuresOf);
                var measured = await load.RunAsync(row.Target, row.Concurrency, mode.RunDuration);
                row.Runs.Add(measured);
                if (row.IsBff)
                {
                    row.PagesNotAggregated += Math.Max(0, measured.Requests - (calls.CallsTo(system.Catalog) - catalogCallsBefore));
                    row.FailedDownstreamCalls += services.Sum(calls.FailuresOf) - failuresBefore;
                }

                Console.WriteLine($"http run {run}/{mode.Runs}  {row.Target.Name,-58} c{row.Concurrency,-3} {measured.RequestsPerSecond,8:F0} req/s  p50 {measured.P50Milliseconds,6:F2} ms  p99 {measured.P99Milliseconds,6:F2} ms");
            }
        }

        var slowest = downstream.MaxBy(row => Statistics.Median(row.Runs.Select(run => run.P50Milliseconds)))!;
        var generator = load.Name;
        const string c16 = "16";
        Figure[] figures =
        [
            Figure.Of("catalog-list-throughput", "Catalog list (20-row keyset pages)", "raw page", "req/s", catalogList.Throughput(), rawList.Throughput(), generator, c16),
            Figure.Of("catalog-list-p99", "Catalog list p99", "raw page p99", "ms", catalogList.P99(), rawList.P99(), generator, c16),
            Figure.Of("catalog-get-throughput", "Catalog get (one product)", "raw get", "req/s", catalogGet.Throughput(), rawGet.Throughput(), generator, c16),
            Figure.Of("catalog-get-p99", "Catalog get p99", "raw get p99", "ms", catalogGet.P99(), rawGet.P99(), generator, c16),
            Figure.Of("bff-page-throughput", "web BFF product page", "raw fan-out", "req/s", bff.Throughput(), rawFanOut.Throughput(), generator, c16),
            Figure.Of("bff-page-p99", "web BFF product page p99", "raw fan-out p99", "ms", bff.P99(), rawFanOut.P99(), generator, c16),
            Figure.Of("bff-aggregation-p50", "web BFF product page p50 (aggregation latency)", $"slowest downstream call p50 ({slowest.Target.Name})", "ms",
                bffAlone.P50(), slowest.P50(), generator, "1"),
        ];

        var pages = bff.Runs.Sum(run => run.Requests) + bffAlone.Runs.Sum(run => run.Requests);
        string[] notes =
        [
            "Catalog, Inventory, Shipping and the web BFF are their real Programs in Production on Kestrel (real PostgreSQL and RabbitMQ); " +
            "the raw catalog (bench/Raw/RawCatalog.cs) reads Catalog's own database with the same SQL; the raw fan-out (bench/Raw/RawFanOut.cs) " +
            "makes the page's three calls with plain HttpClients in parallel.",
            $"BFF output cache defeated: each page kept {HttpSystem.CatalogCacheDuration.TotalMilliseconds:F0} ms (`Bff:Limits:CatalogCacheDuration`) while the same product " +
            $"comes round only every {HttpTargets.ProductCount} requests; of {pages} measured pages {bff.PagesNotAggregated + bffAlone.PagesNotAggregated} had no Catalog " +
            "call of their own (the cache's request coalescing shares one answer among concurrent requests for the same page); " +
            $"rate limit lifted (`Bff:Limits:PermitsPerWindow`); downstream calls failed or over budget during its runs (each a degraded page): " +
            $"{bff.FailedDownstreamCalls + bffAlone.FailedDownstreamCalls}.",
            $"For reference, the raw fan-out at concurrency 1 takes {Statistics.Median(rawFanOutAlone.P50()):F2} ms at p50, " +
            $"{Statistics.Median(rawFanOutAlone.P50()) / Statistics.Median(slowest.P50()):F2} times the slowest call: the HTTP hop to the page, which both pay.",
        ];
        return new BenchSection("HTTP: Catalog and the web BFF", figures, [.. rows.Select(row => row.Measured())], notes);
    }

    /// <summary>
    /// Every request the load will send, once, before any load: each must answer 2xx, and the BFF's page be whole
    /// (nothing degraded), or the figures would be those of an error or a fallback.
    /// </summary>
    private static async Task CheckEveryRequestAsync(IEnumerable<LoadTarget> targets)
    {
        using var http = new HttpClient();
        foreach (var target in targets.DistinctBy(target => target.Name))
        {
            // The very first page compiles the whole path, which on a busy machine can outlast a part's budget.
            for (var attempt = 1; attempt <= 20 && !await IsWholeAsync(http, target, target.Requests[0]); attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            foreach (var request in target.Requests)
            {
                if (!await IsWholeAsync(http, target, request))
                {
                    throw new InvalidOperationException($"{target.Name} failed or was degraded for {request.PathAndQuery}: see the warnings above.");
                }
            }
        }
    }

    private static async Task<bool> IsWholeAsync(HttpClient http, LoadTarget target, LoadRequest request)
    {
        using var message = target.Message(request);
        using var response = await http.SendAsync(message);
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
