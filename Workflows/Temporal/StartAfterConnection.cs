using Microsoft.Extensions.Hosting;

namespace Commerce.Workflows.Temporal;

/// <summary>
/// Starts a hosted service (the Temporal worker, the bridge's consumer) only once <see cref="TemporalConnector"/> has
/// connected: the worker itself would fail (and stop the host) on its first attempt, while this process should wait,
/// answering <c>/alive</c> and reporting itself unhealthy on <c>/health</c>.
/// </summary>
internal sealed class StartAfterConnection(IHostedService worker, TemporalConnector connection) : BackgroundService
{
    private bool _workerStarted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await connection.Connected.WaitAsync(stoppingToken);
        await worker.StartAsync(stoppingToken);
        _workerStarted = true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_workerStarted)
        {
            await worker.StopAsync(cancellationToken);
        }
    }
}
