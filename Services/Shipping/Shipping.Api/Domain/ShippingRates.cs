using System.Collections.Frozen;
using Commerce.Shipping.Contracts;

namespace Commerce.Shipping.Api.Domain;

/// <summary>
/// The tariff: parcels leave one warehouse in the United States. The zone of the destination country sets a price
/// for the first item, a price for each further item, and a transit time; a parcel of more than
/// <see cref="BulkItems"/> items ships as several packages and takes <see cref="BulkExtraDays"/> days longer.
/// Pure and deterministic: the same destination country and item count always get the same quote.
/// </summary>
public static class ShippingRates
{
    public const string Currency = "USD";
    public const int BulkItems = 20;
    public const int BulkExtraDays = 2;

    /// <summary>The price of the first item, of each further item, and the days in transit, per zone.</summary>
    public static readonly FrozenDictionary<ShippingZone, Tariff> Tariffs = new Dictionary<ShippingZone, Tariff>
    {
        [ShippingZone.Domestic] = new(FirstItem: 4.99m, EachFurtherItem: 0.99m, Days: 3),
        [ShippingZone.NorthAmerica] = new(FirstItem: 9.99m, EachFurtherItem: 1.99m, Days: 5),
        [ShippingZone.Europe] = new(FirstItem: 14.99m, EachFurtherItem: 2.49m, Days: 7),
        [ShippingZone.International] = new(FirstItem: 24.99m, EachFurtherItem: 3.99m, Days: 10),
    }.ToFrozenDictionary();

    private static readonly FrozenSet<string> NorthAmerica = FrozenSet.Create(StringComparer.Ordinal, "CA", "MX");

    // Geographic Europe with its microstates and crown dependencies; Russia and Türkiye ship as international parcels.
    private static readonly FrozenSet<string> Europe = FrozenSet.Create(StringComparer.Ordinal,
        "AD", "AL", "AT", "AX", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FO", "FR", "GB",
        "GG", "GI", "GR", "HR", "HU", "IE", "IM", "IS", "IT", "JE", "LI", "LT", "LU", "LV", "MC", "MD", "ME", "MK", "MT",
        "NL", "NO", "PL", "PT", "RO", "RS", "SE", "SI", "SJ", "SK", "SM", "UA", "VA");

    public static ShippingZone ZoneOf(string country) => country switch
    {
        "US" => ShippingZone.Domestic,
        _ when NorthAmerica.Contains(country) => ShippingZone.NorthAmerica,
        _ when Europe.Contains(country) => ShippingZone.Europe,
        _ => ShippingZone.International,
    };

    /// <summary>The quote for <paramref name="lines"/> (at least one, quantities positive) shipped to <paramref name="country"/>.</summary>
    public static ShippingQuote Quote(string country, IEnumerable<ShipmentLine> lines)
    {
        var items = lines.Sum(line => line.Quantity);
        if (items < 1)
        {
            throw new ArgumentException("A parcel holds at least one item.", nameof(lines));
        }

        var zone = ZoneOf(country);
        var tariff = Tariffs[zone];
        var price = tariff.FirstItem + (tariff.EachFurtherItem * (items - 1));
        var days = tariff.Days + (items > BulkItems ? BulkExtraDays : 0);
        return new ShippingQuote(zone, price, Currency, days);
    }

    public sealed record Tariff(decimal FirstItem, decimal EachFurtherItem, int Days);
}
