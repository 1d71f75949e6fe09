namespace Commerce.Bff.Shared;

/// <summary>
/// How Inventory's count of units on offer reads to a customer, the same on every screen of every BFF:
/// <see cref="InStock"/>, <see cref="LowStock"/> (<see cref="Available"/> says how few), <see cref="OutOfStock"/>, or
/// <see cref="Unknown"/> when Inventory did not answer in time.
/// </summary>
public sealed record AvailabilityLevel(string Status, int? Available)
{
    public const string InStock = "in-stock";
    public const string LowStock = "low-stock";
    public const string OutOfStock = "out-of-stock";

    /// <summary>Fewer units than this on offer is worth telling the customer.</summary>
    public const int LowStockBelow = 5;

    public static readonly AvailabilityLevel Unknown = new("unknown", null);

    public static AvailabilityLevel Of(int available) => available switch
    {
        <= 0 => new AvailabilityLevel(OutOfStock, 0),
        < LowStockBelow => new AvailabilityLevel(LowStock, available),
        _ => new AvailabilityLevel(InStock, available),
    };
}
