// Workflow throughput of the in-process Temporal test server: 100 one-activity workflows started 10 at a time, with
// the real Temporalio client and worker, against a baseline measured in the same run: the same 100 workflows one at
// a time. The ratio says what the server's concurrency buys; the absolute times say what a saga test pays per step.
//
//   dotnet run -c Release --project bench/WorkflowThroughput [-- workflows concurrency]
using System.Diagnostics;
using System.Globalization;
using Commerce.Testing.Temporal;
using Temporalio.Client;
using Temporalio.Worker;

namespace Commerce.Bench.WorkflowThroughput;

internal static class Benchmark
{
    private const string TaskQueue = "bench";

    public static async Task Main(string[] args)
    {
        var workflows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;

        await using var server = await TemporalTestServer.StartAsync(new TemporalTestServerOptions());
        var client = await TemporalClient.ConnectAsync(new(server.Address));
        using var worker = new TemporalWorker(client, new TemporalWorkerOptions(TaskQueue)
            .AddWorkflow<EchoWorkflow>()
            .AddActivity(EchoActivities.Echo));

        await worker.ExecuteAsync(async () =>
        {
            await RunAsync(client, 10, 1); // Warm-up: JIT, connections, the worker's pollers.
            var oneAtATime = await RunAsync(client, workflows, 1);
            var concurrent = await RunAsync(client, workflows, concurrency);

            Console.WriteLine($"workflows: {workflows}, one activity each, real SDK worker, in-process test server");
            Console.WriteLine($"baseline   1 at a time:  {oneAtATime.TotalSeconds:F2} s ({oneAtATime.TotalMilliseconds / workflows:F1} ms per workflow)");
            Console.WriteLine($"measured  {concurrency,2} at a time:  {concurrent.TotalSeconds:F2} s ({concurrent.TotalMilliseconds / workflows:F1} ms per workflow)");
            Console.WriteLine($"ratio      concurrent / sequential: {concurrent.TotalMilliseconds / oneAtATime.TotalMilliseconds:F2}");
        });
    }

    private static async Task<TimeSpan> RunAsync(TemporalClient client, int workflows, int concurrency)
    {
        using var slots = new SemaphoreSlim(concurrency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workflows).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                var handle = await client.StartWorkflowAsync(
                    (EchoWorkflow workflow) => workflow.RunAsync($"order {i}"),
                    new WorkflowOptions($"bench-{Guid.NewGuid():N}", TaskQueue));
                var echoed = await handle.GetResultAsync();
                if (echoed != $"order {i}")
                {
                    throw new InvalidOperationException($"Workflow {i} returned '{echoed}'.");
                }
            }
            finally
            {
                slots.Release();
            }
        }));
        return clock.Elapsed;
    }
}
