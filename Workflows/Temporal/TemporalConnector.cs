using Commerce.Workflows.Saga;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Temporalio.Client;

namespace Commerce.Workflows.Temporal;

/// <summary>
/// Connects the worker's client to Temporal and registers the saga's search attributes
/// (<see cref="SearchAttributeRegistration"/>), retrying with a bounded backoff while the server is not up yet (it
/// starts beside the worker under the AppHost and may well come up later); then opens <see cref="TemporalReadiness"/>.
/// </summary>
public sealed partial class TemporalConnector(
    ITemporalClient client,
    TemporalTarget target,
    TemporalReadiness readiness,
    TimeProvider timeProvider,
    ILogger<TemporalConnector> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);

    public TemporalTarget Target => target;

    /// <summary>Why the last attempt failed, while not ready.</summary>
    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.Connection.ConnectAsync();
                await SearchAttributeRegistration.EnsureRegisteredAsync(client, OrderSaga.SearchAttributes, stoppingToken);
                LastError = null;
                readiness.Open();
                LogConnected(target.Address, target.Namespace);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LastError = exception.Message;
                LogNotConnected(target.Address, attempt, delay, exception.Message);
            }

            await Task.Delay(delay, timeProvider, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    [LoggerMessage(LogLevel.Information, "Connected to Temporal at {Address}, namespace {Namespace}; the saga's search attributes are registered")]
    private partial void LogConnected(string address, string @namespace);

    [LoggerMessage(LogLevel.Warning, "Temporal at {Address} is not ready (attempt {Attempt}); retrying in {Delay}: {Error}")]
    private partial void LogNotConnected(string address, int attempt, TimeSpan delay, string error);
}
