using Dapper;
using Npgsql;

namespace Commerce.Notifications.Api.Data;

/// <summary>An order's customer and its reference (null while no event has told it), as Ordering's events told them.</summary>
public sealed record KnownOrder(string CustomerId, string? Reference);

/// <summary>
/// Which customer each order belongs to and its reference, learned from Ordering's events. Payment and shipment
/// events carry only the order id; this small map is how their notifications find the customer and name the order
/// as Ordering does. Written and read inside the consuming event's transaction.
/// </summary>
public sealed class OrderCustomerStore(TimeProvider time)
{
    /// <summary>
    /// Records the order's customer and reference; the first recorded wins (an order never changes hands, nor its
    /// reference), except that a reference fills in one the order did not have yet.
    /// </summary>
    public async Task RememberAsync(Guid orderId, string customerId, string? reference, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO order_customers (order_id, customer_id, reference, recorded_at)
            VALUES (@orderId, @customerId, @reference, @recordedAt)
            ON CONFLICT (order_id) DO UPDATE SET reference = coalesce(order_customers.reference, excluded.reference)
            """,
            new { orderId, customerId, reference = string.IsNullOrEmpty(reference) ? null : reference, recordedAt = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));

    /// <returns>The order's customer and reference, or null while its <c>OrderPlaced</c> has not been handled here.</returns>
    public async Task<KnownOrder?> FindAsync(Guid orderId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<KnownOrder>(new CommandDefinition(
            "SELECT customer_id AS CustomerId, reference AS Reference FROM order_customers WHERE order_id = @orderId",
            new { orderId },
            transaction,
            cancellationToken: cancellationToken));
}
