using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Messaging;

/// <summary>
/// Deletes sent outbox rows and inbox rows older than the retention, in small batches so no sweep holds long locks or
/// bloats one transaction. The inbox keeps rows long enough to recognise any redelivery the broker could still make.
/// </summary>
internal sealed partial class MessageRetention(
    NpgsqlDataSource dataSource,
    IOptions<MessagingOptions> options,
    TimeProvider timeProvider,
    ILogger<MessageRetention> logger) : BackgroundService
{
    private readonly MessagingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PurgeInterval, timeProvider);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPurgeFailed(exception);
            }
        }
        while (await WaitForNextTickAsync(timer, stoppingToken));
    }

    /// <summary>One sweep of both tables; returns how many rows went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow() - _options.Retention;
        var purged = await PurgeInBatchesAsync(
            """
            DELETE FROM outbox_messages
            WHERE id IN (SELECT id FROM outbox_messages WHERE sent_at < @cutoff LIMIT @batch)
            """, cutoff, cancellationToken);
        purged += await PurgeInBatchesAsync(
            """
            DELETE FROM inbox_messages
            WHERE (message_id, consumer) IN (SELECT message_id, consumer FROM inbox_messages WHERE handled_at < @cutoff LIMIT @batch)
            """, cutoff, cancellationToken);
        if (purged > 0)
        {
            LogPurged(purged, cutoff);
        }

        return purged;
    }

    private async Task<int> PurgeInBatchesAsync(string sql, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            deleted = await connection.ExecuteAsync(new CommandDefinition(
                sql, new { cutoff, batch = _options.PurgeBatchSize }, cancellationToken: cancellationToken));
            total += deleted;
        }
        while (deleted == _options.PurgeBatchSize);

        return total;
    }

    private static async Task<bool> WaitForNextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} outbox and inbox rows older than {Cutoff}")]
    private partial void LogPurged(int count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging old outbox and inbox rows failed; trying again at the next interval")]
    private partial void LogPurgeFailed(Exception exception);
}
