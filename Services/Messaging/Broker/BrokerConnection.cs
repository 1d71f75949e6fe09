using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Commerce.Messaging.Broker;

/// <summary>
/// Hands the dispatcher and the consumer the service's one <see cref="IConnection"/>, the singleton Aspire's RabbitMQ
/// client integration registers, waiting for it while the broker is away. The integration makes one connect attempt
/// each time the connection is asked for and not there yet (see <see cref="BrokerRegistration"/>); this keeps asking,
/// with capped exponential backoff, so a service that started before its broker publishes and consumes as soon as the
/// broker is up. Once open, the client's automatic recovery keeps it alive across broker restarts.
/// </summary>
internal sealed partial class BrokerConnection(IServiceProvider services, TimeProvider timeProvider, ILogger<BrokerConnection> logger)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private IConnection? _connection;

    public async Task<IConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        while (_connection is null)
        {
            try
            {
                // The integration connects synchronously inside the resolve: keep that off the caller's thread, and let
                // a stopping host stop waiting for it.
                _connection = await Task.Run(services.GetRequiredService<IConnection>, cancellationToken).WaitAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is BrokerUnreachableException or SocketException)
            {
                LogBrokerUnreachable(delay, exception.InnerException?.Message ?? exception.Message);
                await Task.Delay(delay, timeProvider, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }

        return _connection;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ not reachable, retrying in {Delay}: {Reason}")]
    private partial void LogBrokerUnreachable(TimeSpan delay, string reason);
}
