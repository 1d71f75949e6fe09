using Commerce.AppHost.Tests;
using Dapper;

namespace Commerce.Faults.Tests.Invariants;

/// <summary>
/// How many units of each product the system has had to sell: what was on hand plus what was already sold, taken once
/// the system is up and moved only when a test restocks a product. Stock is never oversold when, for every product, what
/// is on hand now plus every unit committed to an order is exactly that.
/// </summary>
public sealed class StockLedger
{
    private readonly Dictionary<int, long> _units = [];
    private LocalAppHost? _system;

    public IReadOnlyDictionary<int, long> Units => _units;

    public async Task OpenAsync(LocalAppHost system)
    {
        _system = system;
        await using var inventory = await SystemDatabases.OpenAsync(system, SystemDatabases.Inventory, CancellationToken.None);
        foreach (var (productId, units) in await inventory.QueryAsync<(int, long)>(UnitsSql))
        {
            _units[productId] = units;
        }
    }

    /// <summary>Sets what is on hand of <paramref name="productId"/> (nothing may be reserved for it), as a stock-take would.</summary>
    public async Task RestockAsync(int productId, int onHand, CancellationToken cancellationToken)
    {
        var system = _system ?? throw new InvalidOperationException("The ledger is not open.");
        await using var inventory = await SystemDatabases.OpenAsync(system, SystemDatabases.Inventory, cancellationToken);
        var changed = await inventory.ExecuteAsync(
            "UPDATE stock SET on_hand = @onHand WHERE product_id = @productId AND reserved = 0", new { productId, onHand });
        Assert.True(changed == 1, $"product {productId} has units reserved or no stock row; restock it when nothing is in flight");
        var (_, units) = await inventory.QuerySingleAsync<(int, long)>(UnitsSql + " HAVING s.product_id = @productId", new { productId });
        _units[productId] = units;
    }

    // On hand plus committed: what a product had to sell since the database began.
    private const string UnitsSql = """
        SELECT s.product_id, s.on_hand + COALESCE(SUM(l.quantity) FILTER (WHERE r.status = 'committed'), 0)
        FROM stock s
        LEFT JOIN reservation_lines l ON l.product_id = s.product_id
        LEFT JOIN reservations r ON r.order_id = l.order_id
        GROUP BY s.product_id, s.on_hand
        """;
}
