using Commerce.Shipping.Addresses;
using Commerce.Shipping.Api.Domain;

namespace Commerce.Shipping.Tests.Domain;

public sealed class DeliveryRulesTests
{
    [Theory]
    [InlineData("AQ")]
    [InlineData("BV")]
    [InlineData("HM")]
    [InlineData("CU")]
    [InlineData("IR")]
    [InlineData("KP")]
    [InlineData("SY")]
    public void The_carrier_does_not_deliver_to_the_unserved_countries(string country)
    {
        var undeliverable = (Parcels.Domestic with { Country = country }).Undeliverable();

        Assert.NotNull(undeliverable);
        Assert.Equal("address.country", undeliverable.Field);
        Assert.Contains(country, undeliverable.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PO Box 123")]
    [InlineData("P.O. Box 123")]
    [InlineData("p. o. box 9")]
    [InlineData("POBox 77")]
    [InlineData("POB 12")]
    [InlineData("Post Office Box 5")]
    [InlineData("Postfach 10 20 30")]
    [InlineData("Boîte postale 42")]
    public void A_post_office_box_is_undeliverable(string line)
    {
        Assert.Equal("address.line1", (Parcels.Domestic with { Line1 = line }).Undeliverable()?.Field);
        Assert.Equal("address.line2", (Parcels.Domestic with { Line2 = line }).Undeliverable()?.Field);
    }

    [Theory]
    [InlineData("12 Box Hill Road")]
    [InlineData("Pobble Lane 3")]
    [InlineData("1 Post Office Square")]
    [InlineData("Apollo Boxing Club, 4 High Street")]
    public void Streets_that_merely_look_like_a_box_are_delivered_to(string line)
    {
        Assert.Null((Parcels.Domestic with { Line1 = line }).Undeliverable());
    }

    [Fact]
    public void Ordinary_addresses_at_home_and_abroad_are_delivered_to()
    {
        Assert.Null(Parcels.Domestic.Undeliverable());
        Assert.Null(Parcels.German.Undeliverable());
    }

    [Fact]
    public void Every_unserved_country_is_a_real_country_code()
    {
        Assert.All(DeliveryRules.UnservedCountries, country => Assert.True(CountryCodes.IsAssigned(country), country));
    }
}
