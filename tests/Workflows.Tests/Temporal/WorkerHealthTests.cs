using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Workflows.Tests.Temporal;

/// <summary>The worker process with no Temporal server to reach: it keeps trying, alive but not ready.</summary>
public sealed class WorkerHealthTests : IDisposable
{
    private readonly WorkerHost _worker = new();

    [Fact]
    public async Task The_worker_stays_alive_and_reports_itself_not_ready_while_Temporal_is_unreachable()
    {
        var client = _worker.CreateClient();
        var cancellationToken = TestContext.Current.CancellationToken;

        var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative), cancellationToken);
        var health = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Fact]
    public async Task The_health_report_names_the_temporal_server_it_cannot_reach()
    {
        using var worker = new WorkerHost { EnvironmentName = Environments.Development };
        var health = await worker.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("Not connected to Temporal at 127.0.0.1", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    public void Dispose() => _worker.Dispose();

    private sealed class WorkerHost : WebApplicationFactory<Program>
    {
        public string EnvironmentName { get; init; } = Environments.Production;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(EnvironmentName);
            // A port nothing listens on.
            builder.UseSetting("TEMPORAL_ADDRESS", $"127.0.0.1:{UnusedPort()}");
            builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Error));
        }

        private static int UnusedPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
