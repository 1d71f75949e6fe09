using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Commerce.Testing;

/// <summary>A message a <see cref="BrokerProbe"/> saw: its routing key (the event name), headers and JSON body.</summary>
public sealed record ProbedMessage(string RoutingKey, string? MessageId, IReadOnlyDictionary<string, object?> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// Listens on an exclusive queue bound to a topic exchange, so a test can assert what a service published to the
/// broker: the outcome an operator or another service sees, rather than rows in an outbox table.
/// </summary>
public sealed class BrokerProbe : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Channel<ProbedMessage> _received = Channel.CreateUnbounded<ProbedMessage>();

    private BrokerProbe(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    /// <summary>Starts listening before the test acts: declares <paramref name="exchange"/> (durable topic, as services do) and binds <paramref name="routingKeys"/>.</summary>
    public static async Task<BrokerProbe> StartAsync(Uri virtualHost, IEnumerable<string> routingKeys, string exchange = "commerce.events", CancellationToken cancellationToken = default)
    {
        var connection = await new ConnectionFactory { Uri = virtualHost }.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var probe = new BrokerProbe(connection, channel);

        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, cancellationToken: cancellationToken);
        var queue = await channel.QueueDeclareAsync(exclusive: true, cancellationToken: cancellationToken);
        foreach (var routingKey in routingKeys)
        {
            await channel.QueueBindAsync(queue.QueueName, exchange, routingKey, cancellationToken: cancellationToken);
        }

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var headers = delivery.BasicProperties.Headers?.ToDictionary(
                header => header.Key,
                header => header.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : header.Value) ?? [];
            probe._received.Writer.TryWrite(new ProbedMessage(
                delivery.RoutingKey, delivery.BasicProperties.MessageId, headers, Encoding.UTF8.GetString(delivery.Body.Span)));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken);
        return probe;
    }

    /// <summary>The next message, or a <see cref="TimeoutException"/> naming what was awaited.</summary>
    public async Task<ProbedMessage> NextAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No message arrived within {within}.");
        }
    }

    /// <summary>Every message that arrives within <paramref name="within"/>: for asserting that something was not published.</summary>
    public async Task<IReadOnlyList<ProbedMessage>> CollectAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        await Task.Delay(within, cancellationToken);
        var messages = new List<ProbedMessage>();
        while (_received.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }
}
