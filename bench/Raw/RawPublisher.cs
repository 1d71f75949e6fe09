using RabbitMQ.Client;

namespace Commerce.Bench.Raw;

/// <summary>
/// Publishing with nothing around it: one RabbitMQ.Client channel with publisher confirms, persistent messages
/// published in windows of <see cref="ConfirmWindow"/> whose confirms are awaited together, the way the outbox's
/// dispatcher publishes a batch, but with no database to read the messages from or mark them sent in.
/// </summary>
public sealed class RawPublisher : IAsyncDisposable
{
    public const int ConfirmWindow = 100;

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _exchange;

    private RawPublisher(IConnection connection, IChannel channel, string exchange)
    {
        _connection = connection;
        _channel = channel;
        _exchange = exchange;
    }

    public static async Task<RawPublisher> ConnectAsync(Uri virtualHost, string exchange)
    {
        var connection = await new ConnectionFactory { Uri = virtualHost }.CreateConnectionAsync();
        // Tracking makes each publish complete only once the broker has confirmed it.
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true);
        return new RawPublisher(connection, channel, exchange);
    }

    /// <summary>Publishes every body, returning once the broker has confirmed the last window.</summary>
    public async Task PublishAsync(string routingKey, IReadOnlyList<byte[]> bodies)
    {
        for (var start = 0; start < bodies.Count; start += ConfirmWindow)
        {
            var window = bodies.Skip(start).Take(ConfirmWindow).Select(body => _channel.BasicPublishAsync(
                _exchange,
                routingKey,
                mandatory: false,
                new BasicProperties { MessageId = Guid.NewGuid().ToString(), ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent },
                body).AsTask());
            await Task.WhenAll(window);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
