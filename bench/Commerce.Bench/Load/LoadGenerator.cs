namespace Commerce.Bench.Load;

/// <summary>What one run of closed-loop load measured: completed requests per second and their latency.</summary>
internal sealed record LoadRun(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Requests);

/// <summary>
/// Closed-loop load: <c>concurrency</c> clients, each sending its next request as soon as the last one answered, for
/// a fixed time. Every answer must be a 2xx, or the run fails: an error page is not a measurement.
/// </summary>
internal interface ILoadGenerator
{
    /// <summary>Which generator, in a word or two, for the report's table.</summary>
    string Name { get; }

    /// <summary>Which generator and how it loads, for the report's header.</summary>
    string Description { get; }

    Task<LoadRun> RunAsync(LoadTarget target, int concurrency, TimeSpan duration);
}

internal static class LoadGenerators
{
    /// <summary>wrk when it is on PATH (and not refused by --closed-loop), else the bench's own generator, saying so.</summary>
    public static async Task<ILoadGenerator> ChooseAsync(bool closedLoopRequested)
    {
        if (closedLoopRequested)
        {
            return new ClosedLoopLoad();
        }

        if (await WrkLoad.FindAsync() is { } wrk)
        {
            return wrk;
        }

        Console.WriteLine("wrk is not installed (apt-get install -y wrk): the HTTP figures use the bench's own closed-loop generator, and the report says so.");
        return new ClosedLoopLoad();
    }
}
