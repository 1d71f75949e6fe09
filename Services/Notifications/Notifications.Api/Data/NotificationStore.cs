using Commerce.Notifications.Api.Domain;
using Commerce.Notifications.Contracts;
using Dapper;
using Npgsql;

namespace Commerce.Notifications.Api.Data;

/// <summary>
/// Customers' notifications. A notification is recorded in the transaction of the event it tells about, unsent;
/// the delivery service then claims unsent rows one at a time and marks them sent (or failed, to retry later).
/// Listings are keyset-paged: no OFFSET, no COUNT, constant cost per page.
/// </summary>
public sealed class NotificationStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = """
        id, message_id AS MessageId, customer_id AS CustomerId, order_id AS OrderId, kind, text, occurred_at AS OccurredAt
        """;

    /// <summary>
    /// Records the notification unsent. The inbox already keeps a redelivered event from getting here; a message
    /// redelivered after its inbox row was purged (retention) is still a no-op rather than an error.
    /// </summary>
    public async Task RecordAsync(CustomerNotification notification, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notifications (id, message_id, customer_id, order_id, kind, text, occurred_at, recorded_at, next_attempt_at)
            VALUES (@Id, @MessageId, @CustomerId, @OrderId, @Kind, @Text, @OccurredAt, @now, @now)
            ON CONFLICT (message_id) DO NOTHING
            """,
            new
            {
                notification.Id,
                notification.MessageId,
                notification.CustomerId,
                notification.OrderId,
                notification.Kind,
                notification.Text,
                OccurredAt = notification.OccurredAt.ToUniversalTime(),
                now,
            },
            transaction,
            cancellationToken: cancellationToken));
    }

    public async Task<NotificationPage> ListAsync(string customerId, NotificationCursor? before, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<NotificationRow>(new CommandDefinition(
            $"""
            SELECT {Columns}
            FROM notifications
            WHERE customer_id = @customerId
              {(before is null ? "" : "AND (occurred_at, id) < (@BeforeOccurredAt, @BeforeId)")}
            ORDER BY occurred_at DESC, id DESC
            LIMIT @limit
            """,
            new
            {
                customerId,
                BeforeOccurredAt = before?.BeforeOccurredAt.ToUniversalTime(),
                before?.BeforeId,
                limit = pageSize + 1,
            },
            cancellationToken: cancellationToken))).AsList();

        var hasMore = rows.Count > pageSize;
        var page = hasMore ? rows.GetRange(0, pageSize) : rows;
        var next = hasMore ? new NotificationCursor(page[^1].OccurredAtUtc, page[^1].Id).Encode() : null;
        return new NotificationPage(page.ConvertAll(row => row.ToDto()), next);
    }

    /// <summary>
    /// Locks the oldest notification due for delivery, skipping those another replica holds. The lock lasts as long
    /// as <paramref name="transaction"/>: mark the row in it and commit.
    /// </summary>
    public async Task<CustomerNotification?> ClaimNextUnsentAsync(int maxAttempts, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<NotificationRow>(new CommandDefinition(
            $"""
            SELECT {Columns}
            FROM notifications
            WHERE sent_at IS NULL AND next_attempt_at <= @now AND send_attempts < @maxAttempts
            ORDER BY next_attempt_at, position
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """,
            new { now = time.GetUtcNow(), maxAttempts },
            transaction,
            cancellationToken: cancellationToken));
        return row?.ToNotification();
    }

    public async Task MarkSentAsync(Guid id, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notifications
            SET sent_at = @now, send_attempts = send_attempts + 1, last_error = NULL
            WHERE id = @id
            """,
            new { id, now = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Keeps the row unsent and due again after <paramref name="retryDelay"/> times its attempts so far, capped at <paramref name="maxRetryDelay"/>.</summary>
    public async Task MarkFailedAsync(
        Guid id, string error, TimeSpan retryDelay, TimeSpan maxRetryDelay, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notifications
            SET send_attempts = send_attempts + 1,
                last_error = @error,
                next_attempt_at = @now + LEAST(@retryDelay * (send_attempts + 1), @maxRetryDelay)
            WHERE id = @id
            """,
            new { id, error, now = time.GetUtcNow(), retryDelay, maxRetryDelay },
            transaction,
            cancellationToken: cancellationToken));

    private sealed class NotificationRow
    {
        public Guid Id { get; init; }
        public Guid MessageId { get; init; }
        public string CustomerId { get; init; } = "";
        public Guid OrderId { get; init; }
        public string Kind { get; init; } = "";
        public string Text { get; init; } = "";
        public DateTime OccurredAt { get; init; }

        public DateTimeOffset OccurredAtUtc => new(DateTime.SpecifyKind(OccurredAt, DateTimeKind.Utc));

        public NotificationDto ToDto() => new(Id, OrderId, Kind, Text, OccurredAtUtc);

        public CustomerNotification ToNotification() => new(Id, MessageId, CustomerId, OrderId, Kind, Text, OccurredAtUtc);
    }
}
