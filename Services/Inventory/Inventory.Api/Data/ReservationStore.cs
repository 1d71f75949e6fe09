using System.Text.Json;
using Commerce.Inventory.Api.Domain;
using Commerce.Inventory.Contracts;
using Commerce.Messaging.Outbox;
using Dapper;
using Npgsql;

namespace Commerce.Inventory.Api.Data;

/// <summary>
/// Reservations and the stock they hold. Each reserve, release and commit is one transaction that changes the
/// reservation, the stock rows and the outbox together, so an event is published if and only if its change committed.
/// Concurrency: stock rows are locked (<c>FOR UPDATE</c>) in product-id order before they are checked or changed, so
/// competing reservations for the same products queue up row by row, see each other's holds, and never deadlock;
/// the order id is the reservations' primary key, so two calls for the same order cannot both take effect.
/// </summary>
public sealed class ReservationStore(NpgsqlDataSource dataSource, Outbox outbox)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string HoldStock = """
        UPDATE stock AS s SET reserved = s.reserved + l.quantity, updated_at = now()
        FROM unnest(@productIds, @quantities) AS l (product_id, quantity)
        WHERE s.product_id = l.product_id
        """;

    private const string ReturnStock = """
        UPDATE stock AS s SET reserved = s.reserved - l.quantity, updated_at = now()
        FROM unnest(@productIds, @quantities) AS l (product_id, quantity)
        WHERE s.product_id = l.product_id
        """;

    private const string ShipStock = """
        UPDATE stock AS s SET on_hand = s.on_hand - l.quantity, reserved = s.reserved - l.quantity, updated_at = now()
        FROM unnest(@productIds, @quantities) AS l (product_id, quantity)
        WHERE s.product_id = l.product_id
        """;

    public async Task<Reservation?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, transaction: null, orderId, forUpdate: false, cancellationToken);
    }

    /// <summary>Holds every line or none. A refusal is recorded too, so that a repeat is refused the same way.</summary>
    public async Task<ReservationOutcome> ReserveAsync(Guid orderId, IReadOnlyList<ReservationLine> requestedLines, CancellationToken cancellationToken)
    {
        var lines = Reservation.Canonical(requestedLines);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ReadAsync(connection, transaction: null, orderId, forUpdate: false, cancellationToken) is { } existing)
        {
            return Repeat(existing, lines);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var available = await LockStockAsync(transaction, lines, cancellationToken);
        var shortages = Reservation.FindShortages(lines, available);
        var status = shortages.Count == 0 ? ReservationStatus.Reserved : ReservationStatus.Refused;
        if (await InsertAsync(transaction, orderId, status, lines, shortages, cancellationToken) is not { } reservation)
        {
            // A concurrent call for the same order inserted first (ours waited for it to commit): answer what it did.
            await transaction.RollbackAsync(cancellationToken);
            var first = await ReadAsync(connection, transaction: null, orderId, forUpdate: false, cancellationToken);
            return Repeat(first ?? throw Vanished(orderId), lines);
        }

        if (status == ReservationStatus.Reserved)
        {
            await ChangeStockAsync(transaction, HoldStock, lines, cancellationToken);
            await outbox.EnqueueAsync(new StockReserved(orderId, lines), transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return status == ReservationStatus.Reserved
            ? new ReservationOutcome.Done(reservation)
            : new ReservationOutcome.Refused(Reservation.OutOfStock(shortages, lines.Count));
    }

    /// <summary>Returns held units to stock; see <see cref="Reservation.DecideRelease"/>.</summary>
    public async Task<ReservationOutcome> ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var reservation = await ReadAsync(connection, transaction, orderId, forUpdate: true, cancellationToken);
        if (reservation is null)
        {
            // The saga releases stock when a reserve call of its own timed out, and that call may still arrive after
            // this release. Recording the release makes it refused then, instead of holding stock for a cancelled order.
            if (await InsertAsync(transaction, orderId, ReservationStatus.Released, [], [], cancellationToken) is { } releasedFirst)
            {
                await transaction.CommitAsync(cancellationToken);
                return new ReservationOutcome.Done(releasedFirst);
            }

            // A reservation for this order committed in the meantime; release that one.
            reservation = await ReadAsync(connection, transaction, orderId, forUpdate: true, cancellationToken) ?? throw Vanished(orderId);
        }

        return await ApplyAsync(
            transaction, reservation, reservation.DecideRelease(), ReservationStatus.Released, ReturnStock,
            released => new StockReleased(released.OrderId, released.Lines), cancellationToken);
    }

    /// <summary>Takes held units off hand for good; null when the order has no reservation. See <see cref="Reservation.DecideCommit"/>.</summary>
    public async Task<ReservationOutcome?> CommitAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ReadAsync(connection, transaction, orderId, forUpdate: true, cancellationToken) is not { } reservation)
        {
            return null;
        }

        return await ApplyAsync(
            transaction, reservation, reservation.DecideCommit(), ReservationStatus.Committed, ShipStock,
            committed => new StockCommitted(committed.OrderId, committed.Lines), cancellationToken);
    }

    private static ReservationOutcome Repeat(Reservation reservation, IReadOnlyList<ReservationLine> lines) =>
        reservation.DecideRepeat(lines).Refusal is { } refusal
            ? new ReservationOutcome.Refused(refusal)
            : new ReservationOutcome.Done(reservation);

    /// <summary>Carries out a release or commit that <paramref name="decision"/> allows, with its event, and commits.</summary>
    private async Task<ReservationOutcome> ApplyAsync<TEvent>(
        NpgsqlTransaction transaction,
        Reservation reservation,
        Decision decision,
        ReservationStatus next,
        string stockChange,
        Func<Reservation, TEvent> announce,
        CancellationToken cancellationToken)
        where TEvent : class
    {
        if (decision.Refusal is { } refusal)
        {
            return new ReservationOutcome.Refused(refusal);
        }

        if (!decision.Changes)
        {
            return new ReservationOutcome.Done(reservation);
        }

        // Same lock order as reservations take, so a release or commit never deadlocks with them.
        await LockStockAsync(transaction, reservation.Lines, cancellationToken);
        await ChangeStockAsync(transaction, stockChange, reservation.Lines, cancellationToken);
        var updatedAt = await transaction.Connection!.ExecuteScalarAsync<DateTime>(new CommandDefinition(
            "UPDATE reservations SET status = @status, updated_at = now() WHERE order_id = @orderId RETURNING updated_at",
            new { orderId = reservation.OrderId, status = StatusText(next) },
            transaction,
            cancellationToken: cancellationToken));
        var changed = reservation with { Status = next, UpdatedAt = AsUtc(updatedAt) };
        await outbox.EnqueueAsync(announce(changed), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReservationOutcome.Done(changed);
    }

    /// <summary>Locks the lines' stock rows in product-id order and says how many units of each are available.</summary>
    private static async Task<Dictionary<int, int>> LockStockAsync(
        NpgsqlTransaction transaction, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken)
    {
        var rows = await transaction.Connection!.QueryAsync<(int ProductId, int Available)>(new CommandDefinition(
            """
            SELECT product_id, on_hand - reserved
            FROM stock
            WHERE product_id = ANY(@productIds)
            ORDER BY product_id
            FOR UPDATE
            """,
            new { productIds = lines.Select(line => line.ProductId).ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.ProductId, row => row.Available);
    }

    private static Task ChangeStockAsync(
        NpgsqlTransaction transaction, string sql, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            sql,
            new
            {
                productIds = lines.Select(line => line.ProductId).ToArray(),
                quantities = lines.Select(line => line.Quantity).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));

    /// <returns>The new reservation, or null if the order already has one (committed by a concurrent call).</returns>
    private static async Task<Reservation?> InsertAsync(
        NpgsqlTransaction transaction,
        Guid orderId,
        ReservationStatus status,
        IReadOnlyList<ReservationLine> lines,
        IReadOnlyList<Shortage> shortages,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var createdAt = await connection.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(
            """
            INSERT INTO reservations (order_id, status, shortages)
            VALUES (@orderId, @status, @shortages::jsonb)
            ON CONFLICT (order_id) DO NOTHING
            RETURNING created_at
            """,
            new
            {
                orderId,
                status = StatusText(status),
                shortages = status == ReservationStatus.Refused ? JsonSerializer.Serialize(shortages, Json) : null,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (createdAt is null)
        {
            return null;
        }

        if (lines.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO reservation_lines (order_id, product_id, quantity)
                SELECT @orderId, * FROM unnest(@productIds, @quantities)
                """,
                new
                {
                    orderId,
                    productIds = lines.Select(line => line.ProductId).ToArray(),
                    quantities = lines.Select(line => line.Quantity).ToArray(),
                },
                transaction,
                cancellationToken: cancellationToken));
        }

        var at = AsUtc(createdAt.Value);
        return new Reservation(orderId, status, lines, shortages, at, at);
    }

    private static async Task<Reservation?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid orderId, bool forUpdate, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ReservationRow>(new CommandDefinition(
            $"""
            SELECT order_id AS OrderId, status, shortages::text AS Shortages, created_at AS CreatedAt, updated_at AS UpdatedAt
            FROM reservations
            WHERE order_id = @orderId
            {(forUpdate ? "FOR UPDATE" : "")}
            """,
            new { orderId },
            transaction,
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var lines = await connection.QueryAsync<ReservationLine>(new CommandDefinition(
            """
            SELECT product_id AS ProductId, quantity AS Quantity
            FROM reservation_lines
            WHERE order_id = @orderId
            ORDER BY product_id
            """,
            new { orderId },
            transaction,
            cancellationToken: cancellationToken));
        var shortages = row.Shortages is null ? [] : JsonSerializer.Deserialize<Shortage[]>(row.Shortages, Json) ?? [];
        return new Reservation(
            row.OrderId, ParseStatus(row.Status), lines.AsList(), shortages, AsUtc(row.CreatedAt), AsUtc(row.UpdatedAt));
    }

    private static InvalidOperationException Vanished(Guid orderId) =>
        new($"The reservation of order {orderId} conflicted on insert but cannot be read; reservations are never deleted.");

    private static DateTimeOffset AsUtc(DateTime timestamp) => new(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));

    private static string StatusText(ReservationStatus status) => status switch
    {
        ReservationStatus.Reserved => "reserved",
        ReservationStatus.Refused => "refused",
        ReservationStatus.Released => "released",
        ReservationStatus.Committed => "committed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static ReservationStatus ParseStatus(string status) => status switch
    {
        "reserved" => ReservationStatus.Reserved,
        "refused" => ReservationStatus.Refused,
        "released" => ReservationStatus.Released,
        "committed" => ReservationStatus.Committed,
        _ => throw new InvalidOperationException($"Unknown reservation status '{status}' in the database."),
    };

    /// <summary>A reservation row as Dapper reads it.</summary>
    private sealed class ReservationRow
    {
        public Guid OrderId { get; init; }
        public string Status { get; init; } = "";
        public string? Shortages { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
    }
}
