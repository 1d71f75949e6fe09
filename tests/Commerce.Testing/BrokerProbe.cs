using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Commerce.Messaging;
using Commerce.Messaging.Outbox;
using Commerce.Testing.Contracts;
using Npgsql;
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
    /// <summary>How long a service's dispatcher may take to publish what its outbox holds.</summary>
    public static readonly TimeSpan DrainPatience = TimeSpan.FromSeconds(30);

    private static readonly string DrainedKey = IntegrationEventNames.Of<OutboxDrained>();

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _exchange;
    private readonly Channel<ProbedMessage> _received = Channel.CreateUnbounded<ProbedMessage>();
    private string _queue = "";

    private BrokerProbe(IConnection connection, IChannel channel, string exchange)
    {
        _connection = connection;
        _channel = channel;
        _exchange = exchange;
    }

    /// <summary>Starts listening before the test acts: declares <paramref name="exchange"/> (durable topic, as services do) and binds <paramref name="routingKeys"/>.</summary>
    public static async Task<BrokerProbe> StartAsync(Uri virtualHost, IEnumerable<string> routingKeys, string exchange = "commerce.events", CancellationToken cancellationToken = default)
    {
        var connection = await new ConnectionFactory { Uri = virtualHost }.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var probe = new BrokerProbe(connection, channel, exchange);

        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, cancellationToken: cancellationToken);
        var queue = await channel.QueueDeclareAsync(exclusive: true, cancellationToken: cancellationToken);
        probe._queue = queue.QueueName;
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

    /// <summary>
    /// Every message that arrived before the outbox in <paramref name="outboxDatabase"/> (a service's database) was
    /// drained: writes an <see cref="OutboxDrained"/> marker into that outbox and collects until the service's dispatcher
    /// has published it. The dispatcher publishes its outbox in order, so whatever the service wrote before the marker
    /// has reached this probe by then: an absence asserted on the result means nothing was published, however slow the
    /// dispatcher, rather than nothing yet.
    /// </summary>
    public async Task<IReadOnlyList<ProbedMessage>> CollectUntilDrainedAsync(string outboxDatabase, CancellationToken cancellationToken = default)
    {
        await _channel.QueueBindAsync(_queue, _exchange, DrainedKey, cancellationToken: cancellationToken);
        var marker = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(outboxDatabase))
        {
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await new Outbox(TimeProvider.System).EnqueueAsync(new OutboxDrained(marker), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var messages = new List<ProbedMessage>();
        var deadline = DateTimeOffset.UtcNow + DrainPatience;
        while (true)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            ProbedMessage message;
            try
            {
                message = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The outbox was not drained within {DrainPatience}: its dispatcher did not publish the marker.");
            }

            if (message.RoutingKey != DrainedKey)
            {
                messages.Add(message);
            }
            else if (message.Json.GetProperty("marker").GetGuid() == marker)
            {
                return messages;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }
}
