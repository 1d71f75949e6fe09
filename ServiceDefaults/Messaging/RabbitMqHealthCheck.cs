using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.ServiceDefaults.Messaging;

/// <summary>Ready while the connection to the broker is open; the check itself triggers the first open.</summary>
internal sealed class RabbitMqHealthCheck(RabbitMqConnection connection) : IHealthCheck
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!connection.IsOpen)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(OpenTimeout);
            try
            {
                await connection.GetConnectionAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not open within this probe's time: report it. The next probe (or any other caller) tries again.
            }
        }

        return connection.IsOpen
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "RabbitMQ is not reachable.");
    }
}
