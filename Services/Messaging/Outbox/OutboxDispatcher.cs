using System.Text;
using Commerce.Messaging.Broker;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the event exchange with publisher confirms, then marks them sent. Woken by
/// NOTIFY right after a commit, with a poll as the backstop; while the broker or database is down it backs off and
/// tries again. Several replicas may run it: each claims its batch with <c>FOR UPDATE SKIP LOCKED</c>.
/// A crash between publishing and marking sends a row again: delivery is at least once, and consumers' inbox makes
/// the effect once.
/// </summary>
internal sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    BrokerConnection broker,
    IOptions<MessagingOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly MessagingOptions _options = options.Value;
    private readonly SemaphoreSlim _wakeUp = new(0, 1);
    private IChannel? _channel;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = ListenForCommitsAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchBatchAsync(stoppingToken) == _options.DispatchBatchSize)
                {
                    // A full batch: there may be more waiting right now.
                }

                failures = 0;
                await WaitForWorkAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever failed (broker away, database away, a refused publish), the rows are still unsent and the
                // dispatcher must outlive it: a dead dispatcher silently stops every event of this service.
                failures++;
                var backoff = Backoff(failures);
                LogDispatchFailed(exception, backoff);
                await DropChannelAsync();
                await DelayAsync(backoff, stoppingToken);
            }
        }

        await listening;
    }

    /// <returns>How many rows this batch published.</returns>
    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT id, event_name AS EventName, payload::text AS Payload, occurred_at AS OccurredAtUtc,
                   traceparent AS TraceParent, tracestate AS TraceState
            FROM outbox_messages
            WHERE sent_at IS NULL
            ORDER BY position
            LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """,
            new { limit = _options.DispatchBatchSize },
            transaction,
            cancellationToken: cancellationToken))).AsList();
        if (rows.Count == 0)
        {
            return 0;
        }

        var channel = await GetChannelAsync(cancellationToken);
        // Start every publish, then await the confirms together: one round trip per batch, not per message.
        var confirms = rows.Select(row => PublishAsync(channel, row, cancellationToken)).ToList();
        await Task.WhenAll(confirms);

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox_messages SET sent_at = @now, attempts = attempts + 1 WHERE id = ANY(@ids)",
            new { now = timeProvider.GetUtcNow(), ids = rows.Select(row => row.Id).ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        LogPublished(rows.Count);
        return rows.Count;
    }

    private async Task PublishAsync(IChannel channel, OutboxRow row, CancellationToken cancellationToken)
    {
        using var activity = MessagingTelemetry.StartPublish(_options.Exchange, row.EventName, row.Id, row.TraceParent, row.TraceState);
        var headers = new Dictionary<string, object?> { [MessagingTelemetry.OccurredAtHeader] = row.OccurredAt.ToString("O") };
        MessagingTelemetry.Inject(activity, headers);
        var properties = new BasicProperties
        {
            MessageId = row.Id.ToString(),
            Type = row.EventName,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(row.OccurredAt.ToUnixTimeSeconds()),
            Headers = headers,
        };
        await channel.BasicPublishAsync(_options.Exchange, row.EventName, mandatory: false, properties, Encoding.UTF8.GetBytes(row.Payload), cancellationToken);
    }

    private async Task<IChannel> GetChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await DropChannelAsync();
        var connection = await broker.GetConnectionAsync(cancellationToken);
        // Tracking makes each publish complete only when the broker has confirmed it (or throw when it refused it).
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        await Topology.DeclareExchangeAsync(channel, _options, cancellationToken);
        return _channel = channel;
    }

    private async Task DropChannelAsync()
    {
        if (_channel is { } channel)
        {
            _channel = null;
            await channel.DisposeAsync();
        }
    }

    /// <summary>
    /// LISTENs on the outbox channel on a connection of its own and wakes the loop on every commit that wrote events.
    /// If that connection fails, the poll keeps events flowing until it is back.
    /// </summary>
    private async Task ListenForCommitsAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => WakeUp();
                await using (var listen = new NpgsqlCommand($"LISTEN {Outbox.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                failures = 0;
                WakeUp(); // Rows committed while nobody listened.
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                LogListenFailed(exception);
                await DelayAsync(Backoff(failures), stoppingToken);
            }
        }
    }

    private void WakeUp()
    {
        if (_wakeUp.CurrentCount == 0)
        {
            try
            {
                _wakeUp.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit woke it a moment ago; one wake-up covers both.
            }
        }
    }

    private Task WaitForWorkAsync(TimeSpan timeout, CancellationToken stoppingToken) => _wakeUp.WaitAsync(timeout, stoppingToken);

    /// <summary>Waits, or returns early when the host stops; the loops then see the cancelled token and end.</summary>
    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nothing left to wait for.
        }
    }

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, Math.Min(failures - 1, 10)), MaxBackoff.TotalMilliseconds));

    public override void Dispose()
    {
        _channel?.Dispose();
        _wakeUp.Dispose();
        base.Dispose();
    }

    // Npgsql reads timestamptz as a UTC DateTime.
    private sealed record OutboxRow(Guid Id, string EventName, string Payload, DateTime OccurredAtUtc, string? TraceParent, string? TraceState)
    {
        public DateTimeOffset OccurredAt => new(OccurredAtUtc, TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Published {Count} outbox messages")]
    private partial void LogPublished(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed; retrying in {Backoff}")]
    private partial void LogDispatchFailed(Exception exception, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for outbox commits failed; polling until it is back")]
    private partial void LogListenFailed(Exception exception);
}
