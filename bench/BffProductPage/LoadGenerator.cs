namespace Commerce.Bench.BffProductPage;

/// <summary>What one run of closed-loop load measured: completed requests per second and their latency.</summary>
internal sealed record LoadRun(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Requests);

/// <summary>
/// Closed-loop load: <c>concurrency</c> clients, each sending its next request as soon as the last one answered, for
/// a fixed time. Every answer must be a 2xx, or the run fails: an error page is not a measurement.
/// </summary>
internal interface ILoadGenerator
{
    /// <summary>Which generator, as the report names it.</summary>
    string Description { get; }

    Task<LoadRun> RunAsync(LoadTarget target, int concurrency, TimeSpan duration);
}
