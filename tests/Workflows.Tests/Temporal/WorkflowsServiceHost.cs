using System.Net;
using System.Net.Sockets;
using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Commerce.Workflows.Tests.Temporal;

/// <summary>The Workflows service with its own database and virtual host, and a Temporal address nothing listens on.</summary>
public sealed class WorkflowsServiceHost : WebApplicationFactory<Program>
{
    public required string EnvironmentName { get; init; }

    public required string Database { get; init; }

    public required Uri Broker { get; init; }

    public static async Task<WorkflowsServiceHost> StartAsync(string environment)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        return new WorkflowsServiceHost
        {
            EnvironmentName = environment,
            Database = await (await PostgresServer.SharedAsync(cancellationToken)).CreateDatabaseAsync("workflows", cancellationToken),
            Broker = await (await RabbitMqServer.SharedAsync(cancellationToken)).CreateVirtualHostAsync("workflows", cancellationToken),
        };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("TEMPORAL_ADDRESS", $"127.0.0.1:{UnusedPort()}");
        builder.UseSetting($"ConnectionStrings:{Extensions.DatabaseName}", Database);
        builder.UseSetting("ConnectionStrings:eventbus", Broker.ToString());
        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Critical));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
