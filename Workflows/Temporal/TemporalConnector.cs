using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Temporalio.Client;

namespace Commerce.Workflows.Temporal;

/// <summary>
/// Connects the worker's client to Temporal, retrying with a bounded backoff while the server is not up yet (it
/// starts beside the worker under the AppHost and may well come up later). The worker starts once this succeeds.
/// </summary>
public sealed partial class TemporalConnector(
    ITemporalClient client, TemporalTarget target, TimeProvider timeProvider, ILogger<TemporalConnector> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);

    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TemporalTarget Target => target;

    /// <summary>Completes when the client is connected.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Why the last attempt failed, while not connected.</summary>
    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.Connection.ConnectAsync();
                LastError = null;
                _connected.TrySetResult();
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

    [LoggerMessage(LogLevel.Information, "Connected to Temporal at {Address}, namespace {Namespace}")]
    private partial void LogConnected(string address, string @namespace);

    [LoggerMessage(LogLevel.Warning, "Temporal at {Address} is not reachable (attempt {Attempt}); retrying in {Delay}: {Error}")]
    private partial void LogNotConnected(string address, int attempt, TimeSpan delay, string error);
}
