using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Commerce.ServiceDefaults.Messaging;

/// <summary>
/// The service's one connection to RabbitMQ, opened on first use. Until the broker is reachable the first open is
/// retried with capped exponential backoff; once open, the client's automatic recovery keeps it alive across broker
/// restarts. Publishers and consumers open their own channels on it.
/// </summary>
public sealed partial class RabbitMqConnection(ConnectionFactory factory, TimeProvider timeProvider, ILogger<RabbitMqConnection> logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnection? _connection;

    /// <summary>True while the connection is open; false before the first open and while it is recovering.</summary>
    public bool IsOpen => _connection?.IsOpen == true;

    public async Task<IConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            return _connection ??= await OpenWithRetryAsync(cancellationToken);
        }
        finally
        {
            _opening.Release();
        }
    }

    private async Task<IConnection> OpenWithRetryAsync(CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                return await factory.CreateConnectionAsync(cancellationToken);
            }
            catch (BrokerUnreachableException exception)
            {
                LogBrokerUnreachable(delay, exception.InnerException?.Message ?? exception.Message);
                await Task.Delay(delay, timeProvider, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.CloseAsync();
            await connection.DisposeAsync();
        }

        _opening.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ not reachable, retrying in {Delay}: {Reason}")]
    private partial void LogBrokerUnreachable(TimeSpan delay, string reason);
}
