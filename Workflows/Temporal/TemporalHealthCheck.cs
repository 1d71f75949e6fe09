using Microsoft.Extensions.Diagnostics.HealthChecks;
using Temporalio.Client;

namespace Commerce.Workflows.Temporal;

/// <summary><c>/health</c>: unhealthy until Temporal is ready (connected, search attributes registered), then whatever the server's own health check answers.</summary>
internal sealed class TemporalHealthCheck(TemporalConnector connection, TemporalReadiness readiness, ITemporalClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var target = connection.Target;
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy($"Not connected to Temporal at {target.Address} yet: {connection.LastError ?? "connecting"}");
        }

        try
        {
            return await client.Connection.CheckHealthAsync(options: new RpcOptions { CancellationToken = cancellationToken })
                ? HealthCheckResult.Healthy($"Temporal at {target.Address}, namespace {target.Namespace}")
                : HealthCheckResult.Unhealthy($"Temporal at {target.Address} reports itself unhealthy");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Temporal at {target.Address} did not answer its health check", exception);
        }
    }
}
