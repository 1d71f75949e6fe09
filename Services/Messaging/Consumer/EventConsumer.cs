using System.Text.Json;
using Commerce.Messaging.Broker;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Commerce.Messaging.Consumer;

/// <summary>
/// Consumes the service's queue with manual acknowledgements. Each message is handled in one database transaction
/// that also writes its inbox row: a redelivered message finds its row and is acknowledged without a second effect.
/// A handler that throws rolls back; the message goes back to the queue after a short pause and, after
/// <see cref="MessagingOptions.MaxDeliveries"/> deliveries, to the dead-letter queue. A message that can never
/// succeed (no message id, a payload that is not the event) is dead-lettered at once.
/// </summary>
internal sealed partial class EventConsumer(
    BrokerConnection broker,
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    IEnumerable<EventRegistration> registrations,
    IEnumerable<IConsumerStartGate> gates,
    IOptions<MessagingOptions> options,
    ILogger<EventConsumer> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan MaxRedeliveryDelay = TimeSpan.FromSeconds(10);

    private readonly MessagingOptions _options = options.Value;
    private readonly Dictionary<string, EventRegistration> _registrations = registrations.ToDictionary(r => r.EventName);
    private readonly CancellationTokenSource _stopping = new();
    private readonly InFlight _inFlight = new();
    private IChannel? _channel;
    private string? _consumerTag;
    private Task? _starting;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: a service must start (and report unhealthy) while its broker is away; consuming begins once it is back.
        _starting = StartConsumingAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    private async Task StartConsumingAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var gate in gates)
            {
                await gate.WaitUntilOpenAsync(stoppingToken);
            }

            var connection = await broker.GetConnectionAsync(stoppingToken);
            var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false,
                    consumerDispatchConcurrency: _options.ConsumerConcurrency),
                stoppingToken);
            await Topology.DeclareConsumerQueueAsync(channel, _options, _registrations.Keys, stoppingToken);
            await channel.BasicQosAsync(prefetchSize: 0, _options.PrefetchCount, global: false, stoppingToken);

            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => HandleDeliveryAsync(channel, delivery);
            _consumerTag = await channel.BasicConsumeAsync(_options.QueueName, autoAck: false, consumer, stoppingToken);
            _channel = channel;
            LogConsuming(_options.QueueName, string.Join(", ", _registrations.Keys));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the broker was ever reached (or a gate opened).
        }
    }

    private async Task HandleDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        using var _ = _inFlight.Enter();
        using var activity = MessagingTelemetry.StartProcess(_options.QueueName, delivery);
        var deliveryCount = DeliveryCount(delivery.BasicProperties.Headers);

        if (!_registrations.TryGetValue(delivery.RoutingKey, out var registration) ||
            !Guid.TryParse(delivery.BasicProperties.MessageId, out var messageId))
        {
            LogUnprocessable(delivery.RoutingKey, delivery.BasicProperties.MessageId);
            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false);
            return;
        }

        try
        {
            var handled = await HandleOnceAsync(registration, messageId, delivery, deliveryCount);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (!handled)
            {
                LogDuplicate(registration.EventName, messageId);
            }
        }
        catch (JsonException exception)
        {
            LogPoison(exception, registration.EventName, messageId);
            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false);
        }
        catch (Exception exception)
        {
            var deadLetter = deliveryCount >= _options.MaxDeliveries;
            LogHandlerFailed(exception, registration.EventName, messageId, deliveryCount, deadLetter);
            if (!deadLetter)
            {
                // A pause before the retry gives a briefly unavailable dependency a chance; it is bounded, since it
                // holds one of the consumer's slots.
                var pause = TimeSpan.FromTicks(Math.Min(_options.RedeliveryDelay.Ticks * deliveryCount, MaxRedeliveryDelay.Ticks));
                await Task.Delay(pause, CancellationToken.None);
            }

            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: !deadLetter);
        }
    }

    /// <returns>False when the inbox shows the message was handled before.</returns>
    private async Task<bool> HandleOnceAsync(EventRegistration registration, Guid messageId, BasicDeliverEventArgs delivery, int deliveryCount)
    {
        // Handlers finish what they started even while the host stops: a half-run handler would only be rolled back.
        var cancellationToken = CancellationToken.None;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var firstTime = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inbox_messages (message_id, consumer, event_name, handled_at)
            VALUES (@messageId, @consumer, @eventName, now())
            ON CONFLICT DO NOTHING
            """,
            new { messageId, consumer = _options.ServiceName, eventName = registration.EventName },
            transaction,
            cancellationToken: cancellationToken)) == 1;
        if (!firstTime)
        {
            return false;
        }

        var integrationEvent = registration.Deserialize(delivery.Body.Span);
        var occurredAt = DateTimeOffset.TryParse(
            MessagingTelemetry.HeaderText(delivery.BasicProperties.Headers, MessagingTelemetry.OccurredAtHeader),
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind,
            out var stamped) ? stamped : DateTimeOffset.FromUnixTimeSeconds(delivery.BasicProperties.Timestamp.UnixTime);
        var context = new IntegrationEventContext(messageId, registration.EventName, occurredAt, deliveryCount, transaction);

        await using var scope = scopes.CreateAsyncScope();
        await registration.InvokeHandlerAsync(scope.ServiceProvider, integrationEvent, context, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>This delivery's number, 1 for the first: quorum queues count earlier returns in <c>x-delivery-count</c>.</summary>
    private static int DeliveryCount(IDictionary<string, object?>? headers) =>
        headers is not null && headers.TryGetValue("x-delivery-count", out var count) && count is not null
            ? Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture) + 1
            : 1;

    /// <summary>Stops taking new messages, lets those in flight finish (until the host's shutdown timeout), then closes the channel; anything unacknowledged goes back to the queue.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_starting is not null)
        {
            await _starting;
        }

        if (_channel is { IsOpen: true } channel && _consumerTag is not null)
        {
            await channel.BasicCancelAsync(_consumerTag, noWait: false, cancellationToken);
        }

        await _inFlight.DrainedAsync(cancellationToken);
        if (_channel is { } open)
        {
            await open.CloseAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is { } channel)
        {
            await channel.DisposeAsync();
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue} for {EventNames}")]
    private partial void LogConsuming(string queue, string eventNames);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{EventName} {MessageId} was handled before; acknowledged without effect")]
    private partial void LogDuplicate(string eventName, Guid messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-lettering unprocessable message {RoutingKey} {MessageId}")]
    private partial void LogUnprocessable(string routingKey, string? messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-lettering {EventName} {MessageId}: its payload is not that event")]
    private partial void LogPoison(Exception exception, string eventName, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {EventName} {MessageId} failed on delivery {DeliveryCount} (dead-lettered: {DeadLettered})")]
    private partial void LogHandlerFailed(Exception exception, string eventName, Guid messageId, int deliveryCount, bool deadLettered);
}
