namespace Commerce.AppHost.Tests;

/// <summary>Stopping the AppHost stops everything it started: the servers, the services and DCP itself.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stopping_the_apphost_leaves_no_process_and_no_listening_port_behind()
    {
        var before = ProcessTree.Descendants();
        Dictionary<int, string> started;
        HashSet<int> ports;
        await using (var appHost = new LocalAppHost())
        {
            await appHost.InitializeAsync();
            started = ProcessTree.Descendants().Where(process => !before.ContainsKey(process.Key))
                .ToDictionary(process => process.Key, process => process.Value);
            ports = ProcessTree.ListeningPorts(started.Keys);

            // What the model runs is among them, listening: the check below would pass vacuously otherwise.
            Assert.Contains(started.Values, command => command.Contains("/postgres -D ", StringComparison.Ordinal));
            Assert.Contains(started.Values, command => command.Contains("beam.smp", StringComparison.Ordinal));
            Assert.Contains(started.Values, command => command.Contains("epmd", StringComparison.Ordinal));
            Assert.Contains(started.Values, command => command.Contains("Commerce.Testing.Temporal", StringComparison.Ordinal));
            Assert.Contains(started.Values, command => command.Contains("Commerce.Ordering.Api", StringComparison.Ordinal));
            Assert.True(ports.Count >= 10, $"only {ports.Count} listening ports: {string.Join(", ", ports)}");
        }

        // DCP stops the processes as it is told to; give it the time a clean shutdown takes, then look.
        var deadline = DateTime.UtcNow + StopTimeout;
        Dictionary<int, string> left;
        HashSet<int> stillListening;
        do
        {
            left = started.Where(process => ProcessTree.IsRunning(process.Key)).ToDictionary();
            stillListening = [.. ProcessTree.AllListeningPorts().Intersect(ports)];
            if (left.Count == 0 && stillListening.Count == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        Assert.True(left.Count == 0, "still running: " + string.Join("; ", left.Select(process => $"{process.Key} {process.Value}")));
        Assert.True(stillListening.Count == 0, "still listening: " + string.Join(", ", stillListening));
    }
}
