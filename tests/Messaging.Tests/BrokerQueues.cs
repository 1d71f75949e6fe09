using RabbitMQ.Client;

namespace Commerce.Messaging.Tests;

/// <summary>Looks at and writes to the broker directly, as an operator or a misbehaving publisher would.</summary>
internal static class BrokerQueues
{
    public static async Task<uint> MessageCountAsync(Uri broker, string queue, CancellationToken cancellationToken)
    {
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
    }

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

    public static async Task WaitForConsumerAsync(Uri broker, string queue, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
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
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) when (DateTime.UtcNow < deadline)
            {
                // Not declared yet.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No consumer on {queue} within 30 s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public static async Task PublishRawAsync(Uri broker, string routingKey, string? messageId, byte[] body, CancellationToken cancellationToken)
    {
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await channel.BasicPublishAsync("commerce.events", routingKey, mandatory: false, new BasicProperties { MessageId = messageId }, body, cancellationToken);
    }
}
