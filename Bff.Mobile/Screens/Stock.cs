using Commerce.Bff.Mobile.Client;

namespace Commerce.Bff.Mobile.Screens;

/// <summary>How Inventory's count of units on offer reads on a phone: a state, and how few only when that is worth saying.</summary>
public static class Stock
{
    /// <summary>Fewer units than this on offer is worth telling the customer.</summary>
    public const int LowBelow = 5;

    public static (string State, int? Left) Of(int available) => available switch
    {
        <= 0 => (StockStates.OutOfStock, null),
        < LowBelow => (StockStates.LowStock, available),
        _ => (StockStates.InStock, null),
    };
}
