using System.Diagnostics;
using Commerce.Bench.Harness;

namespace Commerce.Bench.Load;

/// <summary>The bench's own generator, for machines without wrk: HttpClient over keep-alive connections, one per client.</summary>
internal sealed class ClosedLoopLoad : ILoadGenerator
{
    public string Name => "the bench's closed loop";

    public string Description => "the bench's own closed-loop HttpClient generator (in-process, keep-alive, one connection per client)";

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
                var request = target.Requests[(Interlocked.Increment(ref next) - 1) % target.Requests.Count];
                using var message = target.Message(request);
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(message);
                await response.Content.LoadIntoBufferAsync();
                var elapsed = Stopwatch.GetElapsedTime(sent);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{target.Name} answered {(int)response.StatusCode} for {request.PathAndQuery}.");
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
