namespace Commerce.Bench.Harness;

/// <summary>
/// One line of the report: a Commerce measure against its raw baseline, each run of the one next to a run of the
/// other. The ratio is the Commerce median over the raw median; its spread is the run-by-run ratios' min–max.
/// </summary>
/// <param name="Id">Stable, for machines: the test finds every figure by it.</param>
/// <param name="Unit">req/s, msg/s or ms; higher is better for the first two, lower for ms.</param>
internal sealed record Figure(
    string Id,
    string Name,
    string Baseline,
    string Unit,
    Spread Commerce,
    Spread Raw,
    Spread RunRatios,
    string LoadGenerator,
    string Concurrency)
{
    public double Ratio => Commerce.Median / Raw.Median;

    /// <param name="commerce">One value per run, in run order.</param>
    /// <param name="raw">One value per run of the baseline, run for run beside <paramref name="commerce"/>.</param>
    public static Figure Of(
        string id, string name, string baseline, string unit, IReadOnlyList<double> commerce, IReadOnlyList<double> raw, string loadGenerator, string concurrency)
    {
        if (commerce.Count != raw.Count)
        {
            throw new InvalidOperationException($"{id}: {commerce.Count} Commerce runs against {raw.Count} baseline runs.");
        }

        return new(id, name, baseline, unit, Spread.Of(commerce), Spread.Of(raw), Spread.Of(commerce.Zip(raw, (top, bottom) => top / bottom)), loadGenerator, concurrency);
    }
}

/// <summary>What one part of the bench measured: its figures, every row it ran, and what a reader must know about them.</summary>
internal sealed record BenchSection(string Title, IReadOnlyList<Figure> Figures, IReadOnlyList<MeasuredRow> Rows, IReadOnlyList<string> Notes);

/// <summary>One thing measured, with each measure's spread over the runs (req/s or msg/s, p50 and p99 in ms).</summary>
internal sealed record MeasuredRow(string Name, string Concurrency, Spread? Throughput, string ThroughputUnit, Spread? P50, Spread? P99);
