using System.Diagnostics;

namespace Commerce.Bench.BffProductPage;

/// <summary>The bench's own generator, for machines without wrk: HttpClient over keep-alive connections, one per client.</summary>
internal sealed class ClosedLoopLoad : ILoadGenerator
{
    public string Description => "the bench's closed-loop HttpClient generator (in-process, keep-alive, one connection per client)";

    public async Task<LoadRun> RunAsync(LoadTarget target, int concurrency, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
        var next = 0;
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var milliseconds = new List<double>();
            while (clock.Elapsed < duration)
            {
                var productId = ((Interlocked.Increment(ref next) - 1) % LoadTarget.ProductCount) + 1;
                using var request = target.RequestFor(productId);
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                var elapsed = Stopwatch.GetElapsedTime(sent);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{target.Name} answered {(int)response.StatusCode} for product {productId}.");
                }

                milliseconds.Add(elapsed.TotalMilliseconds);
            }

            return milliseconds;
        });
        var all = (await Task.WhenAll(clients)).SelectMany(timings => timings).Order().ToList();
        var seconds = clock.Elapsed.TotalSeconds;
        return new LoadRun(all.Count / seconds, Statistics.Percentile(all, 0.5), Statistics.Percentile(all, 0.99), all.Count);
    }
}
