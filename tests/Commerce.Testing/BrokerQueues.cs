using System.Globalization;
using System.Text.Json;
using Commerce.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Commerce.Testing;

/// <summary>
/// Looks at and writes to the broker directly, as an operator or another service would: waits for a service's
/// queue to be consumed, counts what sits in a queue (a dead-letter queue, say), and publishes integration events the
/// way the outbox dispatchers do.
/// </summary>
public static class BrokerQueues
{
    private const string Exchange = "commerce.events";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ConsumerPatience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A consumer declares and binds its queue once the broker answers; events published before that have nowhere to
    /// go. A service's queue outlives it in production; a test's is new, so a test waits for it.
    /// </summary>
    public static async Task WaitForConsumerAsync(Uri broker, string queue, CancellationToken cancellationToken, TimeSpan? patience = null)
    {
        var within = patience ?? ConsumerPatience;
        var deadline = DateTime.UtcNow + within;
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync(cancellationToken);
        while (true)
        {
            // A passive declare of a missing queue closes the channel, so each look gets a fresh one.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                if ((await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).ConsumerCount > 0)
                {
                    return;
                }
            }
            catch (OperationInterruptedException exception)
            {
                // Not declared yet.
                if (DateTime.UtcNow >= deadline)
                {
                    throw new TimeoutException($"No consumer on {queue} within {within}: it was never declared.", exception);
                }
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No consumer on {queue} within {within}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public static async Task<uint> MessageCountAsync(Uri broker, string queue, CancellationToken cancellationToken)
    {
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
    }

    /// <summary>Polls until <paramref name="queue"/> holds <paramref name="expected"/> messages; returns the last count seen.</summary>
    public static async Task<uint> WaitForMessageCountAsync(Uri broker, string queue, uint expected, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        uint count;
        while ((count = await MessageCountAsync(broker, queue, cancellationToken)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        return count;
    }

    /// <summary>Publishes <paramref name="integrationEvent"/> as an outbox dispatcher would: its name as routing key, a message id, occurred-at, camelCase JSON.</summary>
    /// <returns>The message id, to publish the same message again.</returns>
    public static async Task<Guid> PublishEventAsync<TEvent>(
        Uri broker, TEvent integrationEvent, Guid? messageId = null, DateTimeOffset? occurredAt = null, CancellationToken cancellationToken = default)
        where TEvent : class
    {
        var id = messageId ?? Guid.NewGuid();
        var when = (occurredAt ?? DateTimeOffset.UtcNow).ToUniversalTime();
        var properties = new BasicProperties
        {
            MessageId = id.ToString(),
            ContentType = "application/json",
            Persistent = true,
            Timestamp = new AmqpTimestamp(when.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?> { ["occurred-at"] = when.ToString("O", CultureInfo.InvariantCulture) },
        };
        await PublishAsync(broker, IntegrationEventNames.Of<TEvent>(), properties, JsonSerializer.SerializeToUtf8Bytes(integrationEvent, Json), cancellationToken);
        return id;
    }

    /// <summary>Publishes bytes as they are, for messages no well-behaved publisher would send.</summary>
    public static Task PublishRawAsync(Uri broker, string routingKey, string? messageId, byte[] body, CancellationToken cancellationToken) =>
        PublishAsync(broker, routingKey, new BasicProperties { MessageId = messageId }, body, cancellationToken);

    private static async Task PublishAsync(Uri broker, string routingKey, BasicProperties properties, byte[] body, CancellationToken cancellationToken)
    {
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await channel.BasicPublishAsync(Exchange, routingKey, mandatory: false, properties, body, cancellationToken);
    }
}
