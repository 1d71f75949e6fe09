using System.Net;
using Commerce.Testing;
using Dapper;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Commerce.Workflows.Tests.Temporal;

/// <summary>
/// The Workflows service with no Temporal server to reach (its database and broker are there): it keeps trying, alive
/// but not ready, and its bridge takes no message it could not hand on.
/// </summary>
public sealed class WorkerHealthTests : IAsyncDisposable
{
    private WorkflowsServiceHost? _worker;

    [Fact]
    public async Task The_worker_stays_alive_and_reports_itself_not_ready_while_Temporal_is_unreachable()
    {
        var client = (await StartAsync(Environments.Production)).CreateClient();
        var cancellationToken = TestContext.Current.CancellationToken;

        var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative), cancellationToken);
        var health = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Fact]
    public async Task The_health_report_names_the_temporal_server_it_cannot_reach()
    {
        var worker = await StartAsync(Environments.Development);
        var health = await worker.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("Not connected to Temporal at 127.0.0.1", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_Temporal_the_database_is_still_migrated_but_the_bridge_consumes_nothing()
    {
        var worker = await StartAsync(Environments.Production);
        var cancellationToken = TestContext.Current.CancellationToken;
        _ = worker.CreateClient();

        // Starting the host ran the migrations: the bridge's inbox is there, waiting.
        await using var connection = new NpgsqlConnection(worker.ConnectionString);
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('inbox_messages') IS NOT NULL"), "the inbox table should exist");
        // An OrderPlaced taken now could not start its saga: the queue is not consumed until Temporal answers. (Were the
        // consumer not held back, it would be consuming within milliseconds of the host starting.)
        await Assert.ThrowsAsync<TimeoutException>(() =>
            BrokerQueues.WaitForConsumerAsync(worker.VirtualHost, Extensions.ServiceName, cancellationToken, patience: TimeSpan.FromSeconds(2)));
    }

    private async Task<WorkflowsServiceHost> StartAsync(string environment)
    {
        _worker = await WorkflowsServiceHost.StartAsync(environment);
        return _worker;
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
    }
}
