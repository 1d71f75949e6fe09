using Commerce.Ordering.Api.Domain;

namespace Commerce.Ordering.Tests.Domain;

public sealed class OrderReferenceTests
{
    [Theory]
    [InlineData(0UL, "0000-0000")]
    [InlineData(1UL, "0000-0001")]
    [InlineData(31UL, "0000-000Z")]
    [InlineData(32UL, "0000-0010")]
    [InlineData(0xFF_FFFF_FFFFUL, "ZZZZ-ZZZZ")]
    [InlineData(0xFFFF_FF00_0000_0000UL, "0000-0000")] // only the low 40 bits count
    public void A_reference_spells_forty_bits_in_Crockford_base_32_in_two_groups_of_four(ulong bits, string expected)
    {
        Assert.Equal(expected, OrderReference.From(bits));
    }

    [Fact]
    public void Draws_are_well_formed_and_a_thousand_of_them_are_all_different()
    {
        // 1000 draws from 2^40 collide with a probability below one in two million.
        var draws = Enumerable.Range(0, 1000).Select(_ => OrderReference.Draw()).ToList();

        Assert.All(draws, draw => Assert.True(OrderReference.IsWellFormed(draw), draw));
        Assert.Equal(draws.Count, draws.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("K7M4Q2XD")]
    [InlineData("k7m4-q2xd")]
    [InlineData("K7M4-Q2XI")] // I, L, O and U are not Crockford digits
    [InlineData("K7M4-Q2X")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_reference(string? text)
    {
        Assert.False(OrderReference.IsWellFormed(text));
    }
}
