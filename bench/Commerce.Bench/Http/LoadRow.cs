using Commerce.Bench.Harness;
using Commerce.Bench.Load;

namespace Commerce.Bench.Http;

/// <summary>One HTTP row: a target at a concurrency, and what each of its runs measured.</summary>
internal sealed class LoadRow(LoadTarget target, int concurrency, bool isBff = false)
{
    public LoadTarget Target => target;

    public int Concurrency => concurrency;

    /// <summary>The BFF's rows are checked from its own metrics: every page aggregated, none degraded.</summary>
    public bool IsBff => isBff;

    public List<LoadRun> Runs { get; } = [];

    /// <summary>Pages served without a Catalog call of their own (from the output cache): should stay near 0.</summary>
    public long PagesNotAggregated { get; set; }

    /// <summary>Downstream calls that failed or ran out of budget during the BFF's runs, each a degraded page: should stay 0.</summary>
    public long FailedDownstreamCalls { get; set; }

    public double[] Throughput() => [.. Runs.Select(run => run.RequestsPerSecond)];

    public double[] P50() => [.. Runs.Select(run => run.P50Milliseconds)];

    public double[] P99() => [.. Runs.Select(run => run.P99Milliseconds)];

    public MeasuredRow Measured() =>
        new(Target.Name, $"{Concurrency}", Spread.Of(Throughput()), "req/s", Spread.Of(P50()), Spread.Of(P99()));
}
