using Commerce.Shipping.Api.Domain;
using Commerce.Shipping.Contracts;

namespace Commerce.Shipping.Tests.Domain;

public sealed class ShippingRatesTests
{
    [Theory]
    [InlineData("US", ShippingZone.Domestic)]
    [InlineData("CA", ShippingZone.NorthAmerica)]
    [InlineData("MX", ShippingZone.NorthAmerica)]
    [InlineData("DE", ShippingZone.Europe)]
    [InlineData("GB", ShippingZone.Europe)]
    [InlineData("NO", ShippingZone.Europe)]
    [InlineData("JP", ShippingZone.International)]
    [InlineData("BR", ShippingZone.International)]
    [InlineData("PR", ShippingZone.International)]
    public void Each_country_falls_in_its_zone(string country, ShippingZone zone)
    {
        Assert.Equal(zone, ShippingRates.ZoneOf(country));
    }

    [Theory]
    [InlineData("US", 1, "4.99", 3)]
    [InlineData("US", 3, "6.97", 3)]
    [InlineData("CA", 2, "11.98", 5)]
    [InlineData("FR", 4, "22.46", 7)]
    [InlineData("AU", 1, "24.99", 10)]
    [InlineData("AU", 10, "60.90", 10)]
    public void The_price_is_the_first_item_plus_each_further_item_at_the_zones_tariff(string country, int items, string price, int days)
    {
        var quote = ShippingRates.Quote(country, [new ShipmentLine(1, items)]);

        Assert.Equal(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), quote.Price);
        Assert.Equal(days, quote.EstimatedDeliveryDays);
        Assert.Equal("USD", quote.Currency);
    }

    [Fact]
    public void Items_are_counted_across_lines()
    {
        Assert.Equal(
            ShippingRates.Quote("DE", [new ShipmentLine(1, 5)]),
            ShippingRates.Quote("DE", [new ShipmentLine(1, 2), new ShipmentLine(2, 1), new ShipmentLine(3, 2)]));
    }

    [Fact]
    public void A_parcel_of_more_than_twenty_items_takes_two_days_longer()
    {
        Assert.Equal(3, ShippingRates.Quote("US", [new ShipmentLine(1, ShippingRates.BulkItems)]).EstimatedDeliveryDays);
        Assert.Equal(5, ShippingRates.Quote("US", [new ShipmentLine(1, ShippingRates.BulkItems + 1)]).EstimatedDeliveryDays);
    }

    [Fact]
    public void The_largest_parcel_a_request_can_hold_still_prices_within_the_stored_precision()
    {
        var lines = Enumerable.Range(1, 50).Select(id => new ShipmentLine(id, 999)).ToList();

        var quote = ShippingRates.Quote("AU", lines);

        Assert.Equal(24.99m + (3.99m * ((50 * 999) - 1)), quote.Price);
        Assert.True(quote.Price < 10_000_000_000m);
    }

    [Fact]
    public void A_parcel_without_items_has_no_quote()
    {
        Assert.Throws<ArgumentException>(() => ShippingRates.Quote("US", []));
    }

    [Fact]
    public void Every_zone_has_a_tariff()
    {
        Assert.All(Enum.GetValues<ShippingZone>(), zone => Assert.True(ShippingRates.Tariffs.ContainsKey(zone), zone.ToString()));
    }
}
