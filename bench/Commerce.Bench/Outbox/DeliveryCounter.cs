using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Commerce.Bench.Outbox;

/// <summary>
/// Counts the messages of one routing key arriving at an exclusive, auto-acknowledged queue: the one receiving end
/// both the outbox and the raw publisher are timed to, so they differ only in how the messages were sent.
/// </summary>
internal sealed class DeliveryCounter : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Lock _lock = new();
    private long _received;
    private long _target = long.MaxValue;
    private TaskCompletionSource? _reached;

    private DeliveryCounter(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<DeliveryCounter> StartAsync(Uri virtualHost, string exchange, string routingKey)
    {
        var connection = await new ConnectionFactory { Uri = virtualHost }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var counter = new DeliveryCounter(connection, channel);
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true);
        var queue = await channel.QueueDeclareAsync(exclusive: true);
        await channel.QueueBindAsync(queue.QueueName, exchange, routingKey);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, _) =>
        {
            counter.Count();
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return counter;
    }

    /// <summary>Completes once <paramref name="messages"/> more have arrived than so far.</summary>
    public Task Expect(int messages)
    {
        lock (_lock)
        {
            _target = _received + messages;
            _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _reached.Task;
        }
    }

    private void Count()
    {
        lock (_lock)
        {
            if (++_received >= _target)
            {
                _reached?.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
