using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;
using Dapper;
using Npgsql;

namespace Commerce.Ordering.Api.Data;

/// <summary>
/// Appends facts to orders' timelines and keeps each order's view in step, in the caller's transaction: the fact,
/// the view, the NOTIFY that wakes the order's live streams and whatever state change caused them commit together or
/// not at all.
/// </summary>
public sealed class OrderTimeline
{
    /// <summary>
    /// Records <paramref name="fact"/> and folds it into the order's view. The caller holds the order's row lock, so
    /// facts of one order are appended and folded one at a time, in the order of their positions.
    /// </summary>
    /// <returns>The view after the fact; null when the fact was already recorded (a duplicate changes nothing).</returns>
    public async Task<OrderView?> AppendAsync(NpgsqlTransaction transaction, TimelineFact fact, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO order_timeline (order_id, kind, description, data, occurred_at)
            VALUES (@OrderId, @Kind, @Description, @Data::jsonb, @OccurredAt)
            ON CONFLICT (order_id, kind) DO NOTHING
            """,
            fact,
            transaction,
            cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return null;
        }

        await OrderChangeFeed.NotifyAsync(transaction, fact.OrderId, cancellationToken);
        var current = await OrderViewStore.ReadAsync(connection, transaction, fact.OrderId, cancellationToken);
        var next = OrderProjection.Apply(current, fact);
        if (next is not null)
        {
            await OrderViewStore.WriteAsync(transaction, next, cancellationToken);
        }

        return next;
    }

    /// <summary>
    /// Records a participant's fact about an order, locking the order first. An order this service does not know
    /// cannot have a saga, so such a fact is dropped (false), as is one already recorded.
    /// </summary>
    public async Task<bool> RecordParticipantFactAsync(NpgsqlTransaction transaction, TimelineFact fact, CancellationToken cancellationToken)
    {
        var known = await transaction.Connection!.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT order_id FROM orders WHERE order_id = @OrderId FOR UPDATE",
            new { fact.OrderId },
            transaction,
            cancellationToken: cancellationToken));
        return known is not null && await AppendAsync(transaction, fact, cancellationToken) is not null;
    }

    /// <summary>An order's timeline, oldest fact first.</summary>
    public static async Task<IReadOnlyList<TimelineFact>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid orderId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<TimelineRow>(new CommandDefinition(
            """
            SELECT order_id AS OrderId, kind AS Kind, description AS Description, data::text AS Data, occurred_at AS OccurredAt
            FROM order_timeline
            WHERE order_id = @orderId
            ORDER BY position
            """,
            new { orderId },
            transaction,
            cancellationToken: cancellationToken))).Select(row => row.ToFact()).ToList();

    public static IReadOnlyList<TimelineEntryDto> ToEntries(IEnumerable<TimelineFact> facts) =>
        facts.Select(fact => new TimelineEntryDto(fact.Kind, fact.Description, fact.OccurredAt)).ToList();

    internal sealed class TimelineRow
    {
        public Guid OrderId { get; init; }
        public string Kind { get; init; } = "";
        public string Description { get; init; } = "";
        public string Data { get; init; } = "";
        public DateTime OccurredAt { get; init; }

        public TimelineFact ToFact() => new(OrderId, Kind, Description, Data, new DateTimeOffset(OccurredAt, TimeSpan.Zero));
    }
}
