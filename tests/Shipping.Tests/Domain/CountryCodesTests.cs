using Commerce.Shipping.Addresses;

namespace Commerce.Shipping.Tests.Domain;

public sealed class CountryCodesTests
{
    [Fact]
    public void All_249_assigned_codes_are_known()
    {
        Assert.Equal(249, CountryCodes.Assigned.Count);
        Assert.All(CountryCodes.Assigned, code => Assert.Matches("^[A-Z]{2}$", code));
    }

    [Theory]
    [InlineData("US")]
    [InlineData("GB")]
    [InlineData("AX")]
    [InlineData("ZW")]
    public void Assigned_codes_are_accepted(string code)
    {
        Assert.True(CountryCodes.IsAssigned(code));
    }

    [Theory]
    [InlineData("UK")] // the United Kingdom is GB
    [InlineData("XK")] // user-assigned, not ISO
    [InlineData("us")]
    [InlineData("USA")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_country_code(string? code)
    {
        Assert.False(CountryCodes.IsAssigned(code));
    }
}
