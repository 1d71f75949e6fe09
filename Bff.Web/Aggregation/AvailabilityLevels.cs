using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Aggregation;

/// <summary>How Inventory's count of units on offer reads to a customer, the same on the product screen and in the cart.</summary>
public static class AvailabilityLevels
{
    /// <summary>Fewer units than this on offer is worth telling the customer.</summary>
    public const int LowStockBelow = 5;

    public static Availability Of(int available) => available switch
    {
        <= 0 => new Availability("out-of-stock", 0),
        < LowStockBelow => new Availability("low-stock", available),
        _ => new Availability("in-stock", available),
    };
}
