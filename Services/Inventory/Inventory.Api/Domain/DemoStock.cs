namespace Commerce.Inventory.Api.Domain;

public sealed record DemoStockLevel(int ProductId, int OnHand);

/// <summary>
/// Opening stock for the demo catalog, whose product ids are exactly 1–240 (Catalog's DemoCatalog fixes them; this
/// service reads neither its code nor its tables). The quantity follows from the id alone, so every machine and every
/// start agree, and the storefront shows all three situations in every category:
/// <list type="bullet">
/// <item>every 20th product (20, 40, …, 240) is out of stock: 0 units (12 products);</item>
/// <item>products 7 and 13 of every block of 20 (7, 13, 27, 33, …) are scarce: 1–4 units, 1 + (id / 20) mod 4 (24 products);</item>
/// <item>every other product is plentiful: 50–249 units, 50 + (37 × id) mod 200 (204 products).</item>
/// </list>
/// </summary>
public static class DemoStock
{
    public const int ProductCount = 240;

    public static IReadOnlyList<DemoStockLevel> Levels { get; } =
        Enumerable.Range(1, ProductCount).Select(id => new DemoStockLevel(id, OnHandFor(id))).ToArray();

    public static int OnHandFor(int productId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(productId);
        return (productId % 20) switch
        {
            0 => 0,
            7 or 13 => 1 + productId / 20 % 4,
            _ => 50 + 37 * productId % 200,
        };
    }
}
