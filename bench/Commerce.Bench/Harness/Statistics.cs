namespace Commerce.Bench.Harness;

internal static class Statistics
{
    /// <summary>The nearest-rank percentile (<paramref name="p"/> from 0 to 1) of values sorted ascending.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0
            ? throw new InvalidOperationException("No timings were recorded.")
            : sorted[(int)Math.Max(0, Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1))];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>One measure over a row's runs: the median and the spread (min–max).</summary>
internal sealed record Spread(double Median, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> runs)
    {
        var sorted = runs.Order().ToList();
        return sorted.Count == 0 ? throw new InvalidOperationException("A row has no runs.") : new(Statistics.Median(sorted), sorted[0], sorted[^1]);
    }
}

/// <summary>The p50 and p99 of one run's timings, in ms.</summary>
internal sealed record Latency(double P50, double P99)
{
    public static Latency Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        return new(Statistics.Percentile(sorted, 0.5), Statistics.Percentile(sorted, 0.99));
    }
}
