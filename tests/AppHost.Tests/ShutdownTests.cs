using System.Diagnostics;
using System.Net;
using Commerce.Testing;

namespace Commerce.AppHost.Tests;

/// <summary>
/// Stopping the AppHost (Ctrl+C) stops everything it started (the servers, the services and DCP itself), and so does
/// killing its process: DCP watches it.
/// </summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(90);

    // Every service's /health on its launch profile's port (DCP's proxy). Each starts once its database and the bus
    // accept connections, and the worker's includes its Temporal connection: all 200 means the whole system is up.
    private static readonly Uri[] ServiceHealth =
        [.. new[] { 5101, 5102, 5103, 5104, 5105, 5106, 5107, 5108 }.Select(port => new Uri($"http://localhost:{port}/health"))];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    // Ctrl+C in a terminal: SIGINT to the AppHost, which stops its resources through DCP before it exits. (Run as its
    // own process, as the README runs it: an AppHost stopped inside a test process leaves DCP's process monitors
    // watching the test process, which lives on.)
    [Fact]
    public Task Stopping_the_apphost_with_ctrl_c_leaves_no_process_and_no_listening_port_behind() =>
        RunThenEndAsync(appHost =>
        {
            using var interrupt = Process.Start("kill", ["-INT", appHost.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            interrupt.WaitForExit();
            Assert.Equal(0, interrupt.ExitCode);
        });

    [Fact]
    public Task Killing_the_apphost_process_leaves_no_process_and_no_listening_port_behind() =>
        RunThenEndAsync(appHost => Process.GetProcessById(appHost).Kill());

    /// <summary>Starts the AppHost as <c>dotnet run</c> does, waits until every service is healthy, ends it with <paramref name="end"/> (given its pid), and checks what is left.</summary>
    private static async Task RunThenEndAsync(Action<int> end)
    {
        var state = Directory.CreateTempSubdirectory("commerce-apphost-stop-").FullName;
        File.SetUnixFileMode(state, (UnixFileMode)Convert.ToInt32("755", 8));
        var dashboardPorts = LoopbackPorts.FindFree(3);
        using var run = AppHostProcess.Start([], new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://localhost:{dashboardPorts[0]}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{dashboardPorts[1]}",
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{dashboardPorts[2]}",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            ["Commerce__Infrastructure"] = "local",
            ["Commerce__StateDirectory"] = state,
        });
        try
        {
            var output = run.StandardOutput.ReadToEndAsync(Cancellation);
            var errors = run.StandardError.ReadToEndAsync(Cancellation);
            await WaitUntilUpAsync(run, output, errors);

            // `dotnet run` waits for the AppHost it started: that child is the process DCP watches.
            var appHost = ProcessTree.Descendants(run.Id)
                .Single(process => process.Value.Contains("Commerce.AppHost", StringComparison.Ordinal)).Key;
            // DCP runs detached from both, watching the AppHost.
            var started = WhatRuns(new Dictionary<int, string>(
                ProcessTree.Descendants(run.Id).Concat(ProcessTree.Descendants(appHost)).DistinctBy(process => process.Key)));
            end(appHost);

            await AssertAllGoneAsync(started.Processes, started.Ports);
        }
        finally
        {
            // A failure before the end must not leave the system running beside the tests that follow.
            if (!run.HasExited)
            {
                run.Kill(entireProcessTree: true);
            }

            await run.WaitForExitAsync(CancellationToken.None);
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>The AppHost's processes and the sockets they listen on, once the whole system is up.</summary>
    private static (Dictionary<int, string> Processes, HashSet<ListeningSocket> Ports) WhatRuns(Dictionary<int, string> started)
    {
        var ports = ProcessTree.ListeningSockets(started.Keys);

        // What the model runs is among them, listening: the checks after the stop would pass vacuously otherwise.
        Assert.Contains(started.Values, command => command.Contains("/postgres -D ", StringComparison.Ordinal));
        Assert.Contains(started.Values, command => command.Contains("beam.smp", StringComparison.Ordinal));
        Assert.Contains(started.Values, command => command.Contains("epmd", StringComparison.Ordinal));
        Assert.Contains(started.Values, command => command.Contains("Commerce.Testing.Temporal", StringComparison.Ordinal));
        Assert.Contains(started.Values, command => command.Contains("Commerce.Ordering.Api", StringComparison.Ordinal));
        Assert.True(ports.Count >= 10, $"only {ports.Count} listening ports: {string.Join(", ", ports.Select(socket => socket.Port))}");
        return (started, ports);
    }

    // DCP stops the processes as it is told to (or as it sees the AppHost gone); give it the time a clean shutdown
    // takes, then look.
    private static async Task AssertAllGoneAsync(Dictionary<int, string> started, HashSet<ListeningSocket> ports)
    {
        var deadline = DateTime.UtcNow + StopTimeout;
        Dictionary<int, string> left;
        HashSet<ListeningSocket> stillListening;
        do
        {
            left = started.Where(process => ProcessTree.IsRunning(process.Key)).ToDictionary();
            stillListening = [.. ProcessTree.AllListeningSockets().Intersect(ports)];
            if (left.Count == 0 && stillListening.Count == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), Cancellation);
        }
        while (DateTime.UtcNow < deadline);

        Assert.True(left.Count == 0, "still running: " + string.Join("; ", left.Select(process => $"{process.Key} {process.Value}")));
        Assert.True(stillListening.Count == 0, "still listening: " + string.Join(", ", stillListening.Select(socket => socket.Port)));
    }

    private static async Task WaitUntilUpAsync(Process run, Task<string> output, Task<string> errors)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + LocalAppHost.StartTimeout;
        while (true)
        {
            if (run.HasExited)
            {
                Assert.Fail($"the AppHost exited ({run.ExitCode}): {await output} {await errors}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"the services were not healthy in {LocalAppHost.StartTimeout}");
            try
            {
                var answers = await Task.WhenAll(ServiceHealth.Select(async url =>
                {
                    using var health = await http.GetAsync(url, Cancellation);
                    return health.StatusCode;
                }));
                if (answers.All(status => status == HttpStatusCode.OK))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!Cancellation.IsCancellationRequested)
            {
                // Listening but not answering yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), Cancellation);
        }
    }
}
