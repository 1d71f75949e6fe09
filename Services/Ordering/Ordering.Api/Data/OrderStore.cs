using System.Text.Json;
using Commerce.Messaging.Outbox;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;
using Dapper;
using Npgsql;

namespace Commerce.Ordering.Api.Data;

/// <summary>A place-order request under an Idempotency-Key: who asked, with which key, and what the request looked like.</summary>
public sealed record IdempotentRequest(string CustomerId, string Key, string Fingerprint);

public enum PlaceResult
{
    Created,

    /// <summary>The key was used before for the same request: <see cref="PlaceOutcome.Order"/> is the original response.</summary>
    Repeated,

    /// <summary>The key was used before for a different request; nothing was created.</summary>
    KeyReused,
}

public sealed record PlaceOutcome(PlaceResult Result, OrderDto? Order);

/// <summary>What a command did, the order's status after it (for a refusal, the status that refused it) and its view.</summary>
public sealed record CommandOutcome(Transition Transition, OrderStatus Status, OrderDto Order);

/// <summary>
/// Writes orders. Every change is one transaction that also appends its timeline fact, updates the order's view and
/// writes its event to the outbox, so all of it happens if and only if the change commits.
/// </summary>
public sealed class OrderStore(
    NpgsqlDataSource dataSource, Outbox outbox, OrderTimeline timeline, IOrderReferenceSource references, TimeProvider timeProvider)
{
    /// <summary>
    /// How many references to draw before giving up. One in 2^40 is taken per order already placed, so a second draw
    /// is rare and a fifth would mean the space is nearly full, which is worth a failure rather than a loop.
    /// </summary>
    private const int MaxReferenceDraws = 5;

    /// <summary>The outcome of an earlier request with the same key, or null if the key is new: lets a repeat skip Catalog.</summary>
    public async Task<PlaceOutcome?> FindEarlierAsync(IdempotentRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindEarlierAsync(connection, null, request, cancellationToken);
    }

    /// <summary>Places the priced order, unless the customer already used the key (then nothing is written).</summary>
    public async Task<PlaceOutcome> PlaceAsync(
        IdempotentRequest idempotency, PlaceOrderRequest request, PricedOrder priced, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Two requests with one key may both have missed each other before pricing: the second to take this lock
        // finds the first's key row and answers as a repeat. The primary key of idempotency_keys backs this up.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended(@CustomerId || ' ' || @Key, 0))",
            idempotency,
            transaction,
            cancellationToken: cancellationToken));
        if (await FindEarlierAsync(connection, transaction, idempotency, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = TimelineFact.ToMicroseconds(timeProvider.GetUtcNow());
        var orderId = Guid.CreateVersion7(now);
        var address = request.ShippingAddress;
        var reference = await InsertOrderAsync(transaction, new
        {
            orderId,
            idempotency.CustomerId,
            priced.Currency,
            priced.Total,
            address.Name,
            address.Line1,
            address.Line2,
            address.City,
            address.PostalCode,
            address.Country,
            request.PaymentToken,
            now,
        }, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO order_lines (order_id, position, product_id, product_name, unit_price, quantity)
            SELECT @orderId, line.position, line.product_id, line.product_name, line.unit_price, line.quantity
            FROM unnest(@ProductIds, @ProductNames, @UnitPrices, @Quantities)
                WITH ORDINALITY AS line (product_id, product_name, unit_price, quantity, position);
            """,
            new
            {
                orderId,
                ProductIds = priced.Lines.Select(line => line.ProductId).ToArray(),
                ProductNames = priced.Lines.Select(line => line.ProductName).ToArray(),
                UnitPrices = priced.Lines.Select(line => line.UnitPrice).ToArray(),
                Quantities = priced.Lines.Select(line => line.Quantity).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));

        var placed = new OrderPlaced(
            orderId, reference, idempotency.CustomerId, priced.Lines, priced.Currency, priced.Total, address, request.PaymentToken, now);
        var view = await timeline.AppendAsync(transaction, TimelineFact.OrderPlaced(placed, now), cancellationToken)
            ?? throw new InvalidOperationException($"Order {orderId} was placed twice.");
        await outbox.EnqueueAsync(placed, transaction, cancellationToken);

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO idempotency_keys (customer_id, idempotency_key, request_fingerprint, order_id, response_body, created_at)
            VALUES (@CustomerId, @Key, @Fingerprint, @orderId, @body, @now)
            """,
            new { idempotency.CustomerId, idempotency.Key, idempotency.Fingerprint, orderId, body = JsonSerializer.Serialize(view.Order, TimelineFact.Json), now },
            transaction,
            cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        return new(PlaceResult.Created, view.Order);
    }

    /// <summary>The saga's last step: the order is confirmed.</summary>
    public Task<CommandOutcome?> ConfirmAsync(Guid orderId, CancellationToken cancellationToken) =>
        ChangeAsync<OrderConfirmed>(orderId, customerId: null, OrderLifecycle.Confirm, (order, now) =>
        {
            var confirmed = new OrderConfirmed(orderId, order.Reference, order.CustomerId);
            return (OrderStatus.Confirmed, null, TimelineFact.OrderConfirmed(confirmed, now), confirmed);
        }, cancellationToken);

    /// <summary>The saga undid every step: the order is cancelled for <paramref name="reason"/>.</summary>
    public Task<CommandOutcome?> CancelAsync(Guid orderId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync<OrderCancelled>(orderId, customerId: null, OrderLifecycle.Cancel, (order, now) =>
        {
            var cancelled = new OrderCancelled(orderId, order.Reference, order.CustomerId, reason);
            return (OrderStatus.Cancelled, reason, TimelineFact.OrderCancelled(cancelled, now), cancelled);
        }, cancellationToken);

    /// <summary>The customer asks for the order to be cancelled; the saga decides whether it still can.</summary>
    public Task<CommandOutcome?> RequestCancellationAsync(string customerId, Guid orderId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync<OrderCancellationRequested>(orderId, customerId, OrderLifecycle.RequestCancellation, (order, now) =>
        {
            var requested = new OrderCancellationRequested(orderId, order.CustomerId, reason);
            return (OrderStatus.CancellationRequested, null, TimelineFact.CancellationRequested(requested, now), requested);
        }, cancellationToken);

    /// <summary>
    /// Locks the order, asks the lifecycle whether the command applies and, if so, writes the new status, the fact
    /// (and with it the view) and the event in one transaction. A repeat or a refusal writes nothing.
    /// </summary>
    private async Task<CommandOutcome?> ChangeAsync<TEvent>(
        Guid orderId,
        string? customerId,
        Func<OrderStatus, Transition> decide,
        Func<OrderRow, DateTimeOffset, (OrderStatus Status, string? Reason, TimelineFact Fact, TEvent Event)> change,
        CancellationToken cancellationToken)
        where TEvent : class
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            """
            SELECT customer_id AS CustomerId, reference AS Reference, status AS Status
            FROM orders
            WHERE order_id = @orderId AND (@customerId::text IS NULL OR customer_id = @customerId)
            FOR UPDATE
            """,
            new { orderId, customerId },
            transaction,
            cancellationToken: cancellationToken));
        if (order is null)
        {
            return null;
        }

        var status = order.ToStatus();
        var transition = decide(status);
        if (transition is not Transition.Apply)
        {
            var unchanged = await OrderViewStore.ReadAsync(connection, transaction, orderId, cancellationToken)
                ?? throw new InvalidOperationException($"Order {orderId} has no view.");
            return new(transition, status, unchanged.Order);
        }

        var now = TimelineFact.ToMicroseconds(timeProvider.GetUtcNow());
        var (newStatus, reason, fact, integrationEvent) = change(order, now);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE orders
            SET status = @status, cancellation_reason = coalesce(@reason, cancellation_reason), updated_at = @now
            WHERE order_id = @orderId
            """,
            new { orderId, status = StatusName(newStatus), reason, now },
            transaction,
            cancellationToken: cancellationToken));
        var view = await timeline.AppendAsync(transaction, fact, cancellationToken)
            ?? throw new InvalidOperationException($"Order {orderId} already has a {fact.Kind} fact.");
        await outbox.EnqueueAsync(integrationEvent, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(Transition.Apply, newStatus, view.Order);
    }

    /// <summary>
    /// Inserts the order under a reference no other order has, drawing again while the one drawn is taken. ON CONFLICT
    /// rather than catching the unique violation: a failed statement would abort the whole transaction.
    /// </summary>
    /// <returns>The order's reference.</returns>
    private async Task<string> InsertOrderAsync(NpgsqlTransaction transaction, object order, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(order);
        for (var draw = 0; draw < MaxReferenceDraws; draw++)
        {
            var reference = references.Next();
            parameters.Add("reference", reference);
            var inserted = await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO orders (
                    order_id, reference, customer_id, status, currency, total, recipient_name, line1, line2, city,
                    postal_code, country, payment_token, placed_at, updated_at)
                VALUES (
                    @orderId, @reference, @CustomerId, 'pending', @Currency, @Total, @Name, @Line1, @Line2, @City,
                    @PostalCode, @Country, @PaymentToken, @now, @now)
                ON CONFLICT (reference) DO NOTHING
                """,
                parameters,
                transaction,
                cancellationToken: cancellationToken));
            if (inserted == 1)
            {
                return reference;
            }
        }

        throw new InvalidOperationException($"No free order reference in {MaxReferenceDraws} draws.");
    }

    private static async Task<PlaceOutcome?> FindEarlierAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IdempotentRequest request, CancellationToken cancellationToken)
    {
        var earlier = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            """
            SELECT request_fingerprint AS Fingerprint, response_body AS ResponseBody
            FROM idempotency_keys
            WHERE customer_id = @CustomerId AND idempotency_key = @Key
            """,
            request,
            transaction,
            cancellationToken: cancellationToken));
        return earlier switch
        {
            null => null,
            _ when earlier.Fingerprint == request.Fingerprint =>
                new(PlaceResult.Repeated, JsonSerializer.Deserialize<OrderDto>(earlier.ResponseBody, TimelineFact.Json)),
            _ => new(PlaceResult.KeyReused, null),
        };
    }

    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.CancellationRequested => "cancellation-requested",
        OrderStatus.Confirmed => "confirmed",
        OrderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public sealed class OrderRow
    {
        public string CustomerId { get; init; } = "";
        public string Reference { get; init; } = "";
        public string Status { get; init; } = "";

        public OrderStatus ToStatus() => Status switch
        {
            "pending" => OrderStatus.Pending,
            "cancellation-requested" => OrderStatus.CancellationRequested,
            "confirmed" => OrderStatus.Confirmed,
            "cancelled" => OrderStatus.Cancelled,
            _ => throw new InvalidOperationException($"Unknown order status {Status}."),
        };
    }

    private sealed class KeyRow
    {
        public string Fingerprint { get; init; } = "";
        public string ResponseBody { get; init; } = "";
    }
}
