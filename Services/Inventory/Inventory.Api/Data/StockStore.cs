using Commerce.Inventory.Contracts;
using Dapper;
using Npgsql;

namespace Commerce.Inventory.Api.Data;

/// <summary>Reads stock levels. Reservations change them, in <see cref="ReservationStore"/>'s transactions.</summary>
public sealed class StockStore(NpgsqlDataSource dataSource)
{
    /// <summary>One level per distinct id, ordered by id; a product without a stock row has nothing to sell and reports zeros.</summary>
    public async Task<IReadOnlyList<StockLevelDto>> GetLevelsAsync(IEnumerable<int> productIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var levels = await connection.QueryAsync<StockLevelDto>(new CommandDefinition(
            """
            SELECT requested.product_id AS ProductId,
                   COALESCE(s.on_hand, 0) AS OnHand,
                   COALESCE(s.reserved, 0) AS Reserved,
                   COALESCE(s.on_hand - s.reserved, 0) AS Available
            FROM (SELECT DISTINCT unnest(@productIds) AS product_id) AS requested
            LEFT JOIN stock s ON s.product_id = requested.product_id
            ORDER BY requested.product_id
            """,
            new { productIds = productIds.ToArray() },
            cancellationToken: cancellationToken));
        return levels.AsList();
    }
}
