using System.Text.Json;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;
using Dapper;
using Npgsql;

namespace Commerce.Ordering.Api.Data;

/// <summary>The read model: queries of the order views, and their rebuild from the timelines.</summary>
public sealed class OrderViewStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = TimelineFact.Json;

    /// <summary>A page of the customer's orders, newest first, after <paramref name="after"/> (the previous page's last).</summary>
    public async Task<OrderPage> ListAsync(string customerId, OrderCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var documents = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT document::text
            FROM order_views
            WHERE customer_id = @customerId
              AND (@afterPlacedAt::timestamptz IS NULL OR (placed_at, order_id) < (@afterPlacedAt, @afterOrderId))
            ORDER BY placed_at DESC, order_id DESC
            LIMIT @limit
            """,
            new { customerId, afterPlacedAt = after?.PlacedAt, afterOrderId = after?.OrderId ?? Guid.Empty, limit = pageSize + 1 },
            cancellationToken: cancellationToken))).ToList();

        var items = documents.Take(pageSize).Select(Deserialize).ToList();
        var next = documents.Count > pageSize ? new OrderCursor(items[^1].PlacedAt, items[^1].OrderId).Encode() : null;
        return new OrderPage(items, next);
    }

    /// <summary>The customer's order with its timeline; null when there is none, or it is another customer's.</summary>
    public async Task<OrderDetailsDto?> FindAsync(string customerId, Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        if (await ReadAsync(connection, transaction, orderId, cancellationToken) is not { } view || view.CustomerId != customerId)
        {
            return null;
        }

        var timeline = await OrderTimeline.ReadAsync(connection, transaction, orderId, cancellationToken);
        // Facts are recorded as they arrive, and a participant's comes through its outbox and the broker while Ordering's
        // own is written at once: the saga released the stock before it cancelled the order, yet the cancellation may be
        // recorded first. The customer reads when each happened (ties keep the order of arrival).
        return new OrderDetailsDto(view.Order, OrderTimeline.ToEntries(timeline.OrderBy(fact => fact.OccurredAt)));
    }

    /// <summary>
    /// Recomputes every order's view from its timeline, in one transaction (readers see the old views until it
    /// commits). Each order is locked while its view is rewritten, so no fact slips in between.
    /// </summary>
    public async Task<int> RebuildAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var orderIds = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT order_id FROM orders ORDER BY order_id FOR UPDATE", transaction: transaction, cancellationToken: cancellationToken))).ToList();
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM order_views", transaction: transaction, cancellationToken: cancellationToken));

        var rebuilt = 0;
        foreach (var orderId in orderIds)
        {
            if (OrderProjection.Replay(await OrderTimeline.ReadAsync(connection, transaction, orderId, cancellationToken)) is { } view)
            {
                await WriteAsync(transaction, view, cancellationToken);
                rebuilt++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return rebuilt;
    }

    internal static async Task<OrderView?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid orderId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ViewRow>(new CommandDefinition(
            "SELECT customer_id AS CustomerId, document::text AS Document FROM order_views WHERE order_id = @orderId",
            new { orderId },
            transaction,
            cancellationToken: cancellationToken));
        return row is null ? null : new OrderView(row.CustomerId, Deserialize(row.Document));
    }

    internal static Task WriteAsync(NpgsqlTransaction transaction, OrderView view, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO order_views (order_id, customer_id, placed_at, document)
            VALUES (@OrderId, @CustomerId, @PlacedAt, @Document::jsonb)
            ON CONFLICT (order_id) DO UPDATE SET document = excluded.document
            """,
            new
            {
                view.Order.OrderId,
                view.CustomerId,
                view.Order.PlacedAt,
                Document = JsonSerializer.Serialize(view.Order, Json),
            },
            transaction,
            cancellationToken: cancellationToken));

    private static OrderDto Deserialize(string document) =>
        JsonSerializer.Deserialize<OrderDto>(document, Json) ?? throw new JsonException("An order view with no document.");

    private sealed class ViewRow
    {
        public string CustomerId { get; init; } = "";
        public string Document { get; init; } = "";
    }
}
