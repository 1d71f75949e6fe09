using Commerce.Messaging.Outbox;
using Commerce.Shipping.Api.Domain;
using Commerce.Shipping.Contracts;
using Dapper;
using Npgsql;

namespace Commerce.Shipping.Api.Data;

public enum CreateResult
{
    Created,

    /// <summary>The order already has a shipment: the one returned, which may or may not be the one asked for.</summary>
    AlreadyExists,

    /// <summary>The order's shipment was cancelled before it was ever created; none is created now.</summary>
    CancelledBeforeCreation,
}

public sealed record CreateOutcome(CreateResult Result, ShipmentDto? Shipment);

/// <summary>What a cancel or dispatch did, and the shipment as it is now.</summary>
public sealed record StatusChange(Transition Transition, ShipmentDto Shipment);

/// <summary>
/// Reads and writes shipments. Every change is one transaction that also writes its event to the outbox, so the event
/// is published if and only if the change committed; a repeat that changes nothing writes no event.
/// </summary>
public sealed class ShipmentStore(NpgsqlDataSource dataSource, Outbox outbox, TimeProvider timeProvider)
{
    private const string Columns = """
        order_id AS OrderId, shipment_id AS ShipmentId, status AS Status, tracking_number AS TrackingNumber,
        recipient_name AS RecipientName, line1 AS Line1, line2 AS Line2, city AS City, postal_code AS PostalCode,
        country AS Country, price AS Price, currency AS Currency, estimated_delivery_days AS EstimatedDeliveryDays,
        created_at AS CreatedAt, dispatched_at AS DispatchedAt, cancelled_at AS CancelledAt
        """;

    public async Task<ShipmentDto?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, orderId, cancellationToken);
    }

    /// <summary>Creates the order's shipment at <paramref name="quote"/>'s price, unless the order already has one or had it cancelled.</summary>
    public async Task<CreateOutcome> CreateAsync(Guid orderId, CreateShipmentRequest request, ShippingQuote quote, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockOrderAsync(transaction, orderId, cancellationToken);

        if (await ReadAsync(connection, transaction, orderId, cancellationToken) is { } existing)
        {
            return new(CreateResult.AlreadyExists, existing);
        }

        if (await IsTombstonedAsync(transaction, orderId, cancellationToken))
        {
            return new(CreateResult.CancelledBeforeCreation, null);
        }

        var now = Now();
        var shipmentId = Guid.CreateVersion7(now);
        var shipment = new ShipmentDto(
            shipmentId, orderId, ShipmentStatus.Created, TrackingNumber.For(shipmentId), request.Address, request.Lines,
            quote.Price, quote.Currency, quote.EstimatedDeliveryDays, now, DispatchedAt: null, CancelledAt: null);

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO shipments (
                order_id, shipment_id, status, tracking_number, recipient_name, line1, line2, city, postal_code, country,
                price, currency, estimated_delivery_days, created_at)
            VALUES (
                @OrderId, @ShipmentId, 'created', @TrackingNumber, @RecipientName, @Line1, @Line2, @City, @PostalCode, @Country,
                @Price, @Currency, @EstimatedDeliveryDays, @CreatedAt);

            INSERT INTO shipment_lines (order_id, position, product_id, quantity)
            SELECT @OrderId, line.position, line.product_id, line.quantity
            FROM unnest(@ProductIds, @Quantities) WITH ORDINALITY AS line (product_id, quantity, position);
            """,
            new
            {
                shipment.OrderId,
                shipment.ShipmentId,
                shipment.TrackingNumber,
                shipment.Address.RecipientName,
                shipment.Address.Line1,
                shipment.Address.Line2,
                shipment.Address.City,
                shipment.Address.PostalCode,
                shipment.Address.Country,
                shipment.Price,
                shipment.Currency,
                shipment.EstimatedDeliveryDays,
                shipment.CreatedAt,
                ProductIds = shipment.Lines.Select(line => line.ProductId).ToArray(),
                Quantities = shipment.Lines.Select(line => line.Quantity).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));

        await outbox.EnqueueAsync(
            new ShipmentCreated(orderId, shipmentId, shipment.TrackingNumber, shipment.Address, shipment.Lines, shipment.EstimatedDeliveryDays),
            transaction,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(CreateResult.Created, shipment);
    }

    /// <summary>
    /// Cancels the order's shipment if it was not dispatched. Null for an order with no shipment: that changes
    /// nothing visible, but leaves a tombstone so that a create arriving later is refused.
    /// </summary>
    public async Task<StatusChange?> CancelAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockOrderAsync(transaction, orderId, cancellationToken);

        if (await ReadAsync(connection, transaction, orderId, cancellationToken) is not { } shipment)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO shipment_tombstones (order_id, cancelled_at) VALUES (@orderId, @now)
                ON CONFLICT (order_id) DO NOTHING
                """,
                new { orderId, now = Now() },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var transition = ShipmentLifecycle.Cancel(shipment.Status);
        if (transition is not Transition.Apply)
        {
            return new(transition, shipment);
        }

        var cancelled = shipment with { Status = ShipmentStatus.Cancelled, CancelledAt = Now() };
        await SetStatusAsync(transaction, cancelled, cancellationToken);
        await outbox.EnqueueAsync(new ShipmentCancelled(orderId, shipment.ShipmentId), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(Transition.Apply, cancelled);
    }

    /// <summary>Records that the parcel left the warehouse, unless it was cancelled. Null for an order with no shipment.</summary>
    public async Task<StatusChange?> DispatchAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockOrderAsync(transaction, orderId, cancellationToken);

        if (await ReadAsync(connection, transaction, orderId, cancellationToken) is not { } shipment)
        {
            return null;
        }

        var transition = ShipmentLifecycle.Dispatch(shipment.Status);
        if (transition is not Transition.Apply)
        {
            return new(transition, shipment);
        }

        var dispatched = shipment with { Status = ShipmentStatus.Dispatched, DispatchedAt = Now() };
        await SetStatusAsync(transaction, dispatched, cancellationToken);
        await outbox.EnqueueAsync(new ShipmentDispatched(orderId, shipment.ShipmentId, shipment.TrackingNumber), transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(Transition.Apply, dispatched);
    }

    /// <summary>
    /// Serializes every change to one order's shipment, including the case where no row exists yet to lock: a cancel
    /// for an unknown order and a create racing it must not both believe they came first. Every writer takes it, so
    /// what a writer reads after taking it stays true until it commits.
    /// </summary>
    private static Task LockOrderAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended(@orderId::text, 0))",
            new { orderId },
            transaction,
            cancellationToken: cancellationToken));

    private static Task<bool> IsTombstonedAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM shipment_tombstones WHERE order_id = @orderId)",
            new { orderId },
            transaction,
            cancellationToken: cancellationToken));

    private static Task SetStatusAsync(NpgsqlTransaction transaction, ShipmentDto shipment, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE shipments
            SET status = @Status, dispatched_at = @DispatchedAt, cancelled_at = @CancelledAt
            WHERE order_id = @OrderId
            """,
            new { shipment.OrderId, Status = StatusName(shipment.Status), shipment.DispatchedAt, shipment.CancelledAt },
            transaction,
            cancellationToken: cancellationToken));

    private static async Task<ShipmentDto?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid orderId, CancellationToken cancellationToken)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            SELECT {Columns} FROM shipments WHERE order_id = @orderId;
            SELECT product_id AS ProductId, quantity AS Quantity FROM shipment_lines WHERE order_id = @orderId ORDER BY position;
            """,
            new { orderId },
            transaction,
            cancellationToken: cancellationToken));
        var row = await results.ReadSingleOrDefaultAsync<ShipmentRow>();
        var lines = (await results.ReadAsync<ShipmentLine>()).AsList();
        return row?.ToDto(lines);
    }

    /// <summary>Now, to the microsecond PostgreSQL keeps: what a create returns then equals what every later read returns.</summary>
    private DateTimeOffset Now()
    {
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }

    private static string StatusName(ShipmentStatus status) => status switch
    {
        ShipmentStatus.Created => "created",
        ShipmentStatus.Dispatched => "dispatched",
        ShipmentStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private sealed class ShipmentRow
    {
        public Guid OrderId { get; init; }
        public Guid ShipmentId { get; init; }
        public string Status { get; init; } = "";
        public string TrackingNumber { get; init; } = "";
        public string RecipientName { get; init; } = "";
        public string Line1 { get; init; } = "";
        public string? Line2 { get; init; }
        public string City { get; init; } = "";
        public string PostalCode { get; init; } = "";
        public string Country { get; init; } = "";
        public decimal Price { get; init; }
        public string Currency { get; init; } = "";
        public int EstimatedDeliveryDays { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? DispatchedAt { get; init; }
        public DateTime? CancelledAt { get; init; }

        public ShipmentDto ToDto(IReadOnlyList<ShipmentLine> lines) => new(
            ShipmentId,
            OrderId,
            Enum.Parse<ShipmentStatus>(Status, ignoreCase: true),
            TrackingNumber,
            new ShippingAddress(RecipientName, Line1, Line2, City, PostalCode, Country),
            lines,
            Price,
            Currency,
            EstimatedDeliveryDays,
            Utc(CreatedAt),
            DispatchedAt is { } dispatched ? Utc(dispatched) : null,
            CancelledAt is { } cancelled ? Utc(cancelled) : null);

        private static DateTimeOffset Utc(DateTime timestamp) => new(timestamp, TimeSpan.Zero);
    }
}
