using Dapper;
using Npgsql;

namespace Commerce.Notifications.Api.Data;

/// <summary>
/// Which customer each order belongs to, learned from Ordering's events. Payment and shipment events carry only the
/// order id; this small map is how their notifications find the customer. Written and read inside the consuming
/// event's transaction.
/// </summary>
public sealed class OrderCustomerStore(TimeProvider time)
{
    /// <summary>Records the order's customer; the first one recorded wins (an order never changes hands).</summary>
    public async Task RememberAsync(Guid orderId, string customerId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO order_customers (order_id, customer_id, recorded_at)
            VALUES (@orderId, @customerId, @recordedAt)
            ON CONFLICT (order_id) DO NOTHING
            """,
            new { orderId, customerId, recordedAt = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));

    /// <returns>The order's customer, or null while its <c>OrderPlaced</c> has not been handled here.</returns>
    public async Task<string?> FindCustomerAsync(Guid orderId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT customer_id FROM order_customers WHERE order_id = @orderId",
            new { orderId },
            transaction,
            cancellationToken: cancellationToken));
}
