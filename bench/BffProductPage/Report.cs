using System.Globalization;
using System.Text;

namespace Commerce.Bench.BffProductPage;

/// <summary>The runs as a markdown table of medians with their spread (min–max), and the ratios the issue asks for.</summary>
internal sealed class Report(
    IReadOnlyList<Row> rows, string command, string generator, int runs, TimeSpan warmUp, TimeSpan duration, string loadBefore, string loadAfter)
{
    public string ToMarkdown()
    {
        var bff16 = Find(RowKind.Bff, 16);
        var bare16 = Find(RowKind.Bare, 16);
        var bff1 = Find(RowKind.Bff, 1);
        var bare1 = Find(RowKind.Bare, 1);
        var calls = rows.Where(row => row.Kind == RowKind.SingleCall).ToList();
        var slowest = calls.MaxBy(call => Statistics.Median(call.Runs.Select(run => run.P50Milliseconds)))!;

        var text = new StringBuilder();
        Line(text, "## BFF product page against a bare three-way fan-out");
        Line(text);
        Line(text, $"- when: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; `{command}`");
        Line(text, $"- machine: {MachineFacts.Processor()}, {MachineFacts.Runtime()}; shared with other work");
        Line(text, $"- load average (1, 5, 15 min): before {loadBefore}, after {loadAfter}");
        Line(text, $"- load: {generator}; closed loop; {runs} runs of {duration.TotalSeconds:F0} s per row after a {warmUp.TotalSeconds:F0} s warm-up, the rows taking turns; product ids 1–{LoadTarget.ProductCount} in turn");
        Line(text, $"- BFF: its real Program in Production; output cache defeated: each page kept {ProductPageSystem.CatalogCacheDuration.TotalMilliseconds:F0} ms " +
            $"(`Bff:Limits:CatalogCacheDuration`) while the same product comes round only every {LoadTarget.ProductCount} requests " +
            $"(of {bff16.Runs.Sum(run => run.Requests) + bff1.Runs.Sum(run => run.Requests)} measured pages, {bff16.PagesNotAggregated + bff1.PagesNotAggregated} " +
            "had no Catalog call of their own: the cache's request coalescing shares one answer among concurrent requests for the same page); " +
            $"rate limit lifted (`Bff:Limits:PermitsPerWindow={ProductPageSystem.PermitsPerWindow}`); " +
            $"downstream calls failed or over budget during its runs (each a degraded page): {bff16.FailedDownstreamCalls + bff1.FailedDownstreamCalls}");
        Line(text, "- bare fan-out: a minimal Kestrel app, the same three calls by plain HttpClient in parallel, their JSON side by side");
        Line(text);
        Line(text, "| target | concurrency | req/s | p50 ms | p99 ms |");
        Line(text, "|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Line(text, $"| {row.Target.Name} | {row.Concurrency} | {Spread(row.Runs.Select(run => run.RequestsPerSecond), "F0")} | " +
                $"{Spread(row.Runs.Select(run => run.P50Milliseconds), "F2")} | {Spread(row.Runs.Select(run => run.P99Milliseconds), "F2")} |");
        }

        Line(text);
        Line(text, "Medians of the runs, (min–max) in brackets. Ratios are taken run by run (the rows of one run ran back to back).");
        Line(text);
        Line(text, "| ratio | median (min–max) |");
        Line(text, "|---|---:|");
        Line(text, $"| BFF req/s ÷ bare req/s, concurrency 16 | {Ratio(bff16, bare16, run => run.RequestsPerSecond)} |");
        Line(text, $"| BFF p99 ÷ bare p99, concurrency 16 | {Ratio(bff16, bare16, run => run.P99Milliseconds)} |");
        Line(text, $"| BFF req/s ÷ bare req/s, concurrency 1 | {Ratio(bff1, bare1, run => run.RequestsPerSecond)} |");
        Line(text, $"| BFF p99 ÷ bare p99, concurrency 1 | {Ratio(bff1, bare1, run => run.P99Milliseconds)} |");
        Line(text, $"| BFF p50 ÷ slowest call's p50 ({slowest.Target.Name}), concurrency 1 | {Ratio(bff1, slowest, run => run.P50Milliseconds)} |");
        Line(text, $"| BFF p99 ÷ slowest call's p99, concurrency 1 | {Ratio(bff1, slowest, run => run.P99Milliseconds)} |");
        var sumOfCalls = Enumerable.Range(0, runs).Select(run => calls.Sum(call => call.Runs[run].P50Milliseconds)).ToList();
        Line(text, $"| BFF p50 ÷ the three calls' p50s summed, concurrency 1 | {Spread(bff1.Runs.Select((run, index) => run.P50Milliseconds / sumOfCalls[index]), "F2")} |");
        Line(text, $"| bare p50 ÷ slowest call's p50, concurrency 1 | {Ratio(bare1, slowest, run => run.P50Milliseconds)} |");
        Line(text);
        Line(text, "Inside the BFF at concurrency 1, from its own metrics in the same runs: the page's server time " +
            "(`http.server.request.duration`) and each downstream call as the BFF's HttpClient saw it (`http.client.request.duration`), " +
            "without the load generator's hop to the BFF.");
        Line(text);
        Line(text, "| inside the BFF | p50 ms | p99 ms |");
        Line(text, "|---|---:|---:|");
        Line(text, $"| the page | {Spread(bff1.Inside.Select(run => run.Page.P50), "F2")} | {Spread(bff1.Inside.Select(run => run.Page.P99), "F2")} |");
        for (var call = 0; call < calls.Count; call++)
        {
            var index = call;
            Line(text, $"| its {calls[index].Target.Name} call | {Spread(bff1.Inside.Select(run => run.Calls[index].P50), "F2")} | {Spread(bff1.Inside.Select(run => run.Calls[index].P99), "F2")} |");
        }

        Line(text, $"| page ÷ its slowest call | {Spread(bff1.Inside.Select(run => run.Page.P50 / run.Calls.Max(call => call.P50)), "F2")} | {Spread(bff1.Inside.Select(run => run.Page.P99 / run.Calls.Max(call => call.P99)), "F2")} |");
        Line(text, $"| page ÷ its three calls summed | {Spread(bff1.Inside.Select(run => run.Page.P50 / run.Calls.Sum(call => call.P50)), "F2")} | {Spread(bff1.Inside.Select(run => run.Page.P99 / run.Calls.Sum(call => call.P99)), "F2")} |");
        return text.ToString();
    }

    private Row Find(RowKind kind, int concurrency) => rows.Single(row => row.Kind == kind && row.Concurrency == concurrency);

    private static string Ratio(Row numerator, Row denominator, Func<LoadRun, double> measure) =>
        Spread(numerator.Runs.Zip(denominator.Runs, (top, bottom) => measure(top) / measure(bottom)), "F2");

    private static string Spread(IEnumerable<double> values, string format)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Statistics.Median(sorted).ToString(format, CultureInfo.InvariantCulture)} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)})");
    }

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
