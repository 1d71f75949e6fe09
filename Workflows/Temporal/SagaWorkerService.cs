using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;
using Temporalio.Worker;

namespace Commerce.Workflows.Temporal;

/// <summary>
/// The Temporal worker of task queue <c>orders</c>, started once <see cref="TemporalReadiness"/> opens. The hosting
/// package's own hosted worker connects as it starts and stops the host when it cannot; this one waits, so the process
/// stays up while Temporal is away and <c>/health</c> says why it is not ready. Its options (the saga, and each
/// activity resolved in a scope of its own per attempt) are the hosting package's, named <paramref name="optionsName"/>.
/// </summary>
internal sealed class SagaWorkerService(
    string optionsName,
    TemporalReadiness readiness,
    ITemporalClient client,
    IOptionsMonitor<TemporalWorkerServiceOptions> options,
    ILoggerFactory loggerFactory) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        var workerOptions = (TemporalWorkerOptions)options.Get(optionsName).Clone();
        workerOptions.LoggerFactory ??= loggerFactory;
        using var worker = new TemporalWorker(client, workerOptions);
        await worker.ExecuteAsync(stoppingToken);
    }
}
