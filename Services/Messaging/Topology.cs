using RabbitMQ.Client;

namespace Commerce.Messaging;

/// <summary>
/// Declares the exchanges and queues this service uses. Declaring is idempotent, so every publisher and consumer does
/// it at start-up and after a reconnect instead of relying on someone having set the broker up.
/// </summary>
internal static class Topology
{
    public static Task DeclareExchangeAsync(IChannel channel, MessagingOptions options, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, cancellationToken: cancellationToken);

    /// <summary>
    /// The service's quorum queue, bound to the events it handles, with its dead-letter queue. Quorum queues count
    /// deliveries (<c>x-delivery-count</c>) and enforce <c>x-delivery-limit</c> themselves, so a message whose handler
    /// keeps failing ends in the dead-letter queue even if a consumer dies while handling it.
    /// </summary>
    public static async Task DeclareConsumerQueueAsync(IChannel channel, MessagingOptions options, IEnumerable<string> eventNames, CancellationToken cancellationToken)
    {
        await DeclareExchangeAsync(channel, options, cancellationToken);
        await channel.ExchangeDeclareAsync(options.DeadLetterExchange, ExchangeType.Direct, durable: true, cancellationToken: cancellationToken);

        await channel.QueueDeclareAsync(
            options.DeadLetterQueueName, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" },
            cancellationToken: cancellationToken);
        await channel.QueueBindAsync(options.DeadLetterQueueName, options.DeadLetterExchange, options.QueueName, cancellationToken: cancellationToken);

        await channel.QueueDeclareAsync(
            options.QueueName, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-dead-letter-exchange"] = options.DeadLetterExchange,
                ["x-dead-letter-routing-key"] = options.QueueName,
                ["x-delivery-limit"] = options.MaxDeliveries,
            },
            cancellationToken: cancellationToken);

        foreach (var eventName in eventNames)
        {
            await channel.QueueBindAsync(options.QueueName, options.Exchange, eventName, cancellationToken: cancellationToken);
        }
    }
}
