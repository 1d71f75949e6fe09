using Commerce.Notifications.Api.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Notifications.Api.Delivery;

/// <summary>
/// Sends recorded notifications, the same way the outbox publishes events: a notification is recorded unsent in its
/// event's transaction, and this service claims one unsent row at a time (row lock, SKIP LOCKED, so replicas share
/// the work), sends it, and marks it sent in the same transaction. A failed send is retried with a growing pause. A
/// crash between sending and committing sends that notification again: delivery is at least once, never lost.
/// </summary>
public sealed partial class NotificationDelivery(
    NpgsqlDataSource dataSource,
    NotificationStore store,
    INotificationSender sender,
    IOptions<NotificationDeliveryOptions> options,
    TimeProvider time,
    ILogger<NotificationDelivery> logger) : BackgroundService
{
    private readonly NotificationDeliveryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await DeliverNextAsync(stoppingToken))
                    {
                        // Keep going while there is work; pause only once the backlog is empty.
                    }
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database is away: the rows wait, and the next poll tries again.
                    LogPollFailed(exception);
                }

                await Task.Delay(_options.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; an unsent notification stays unsent for the next start.
        }
    }

    /// <returns>False when nothing was due.</returns>
    private async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await store.ClaimNextUnsentAsync(_options.MaxAttempts, transaction, cancellationToken) is not { } notification)
        {
            return false;
        }

        try
        {
            await sender.SendAsync(notification, cancellationToken);
            await store.MarkSentAsync(notification.Id, transaction, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(exception, notification.Id, notification.Kind);
            await store.MarkFailedAsync(notification.Id, exception.Message, _options.RetryDelay, _options.MaxRetryDelay, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for unsent notifications failed; trying again at the next poll")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending notification {NotificationId} ({Kind}) failed; it will be retried")]
    private partial void LogSendFailed(Exception exception, Guid notificationId, string kind);
}
