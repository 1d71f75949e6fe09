using Commerce.Payments.Api.Domain;

namespace Commerce.Payments.Tests.Domain;

public sealed class CardExpiryTests
{
    private static readonly DateTimeOffset MidMarch2030 = new(2030, 3, 15, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, 2030, false)]
    [InlineData(4, 2030, false)]
    [InlineData(1, 2031, false)]
    [InlineData(2, 2030, true)]
    [InlineData(12, 2029, true)]
    public void A_card_is_valid_through_the_last_day_of_its_expiry_month(int month, int year, bool passed) =>
        Assert.Equal(passed, new CardExpiry(month, year).HasPassedAt(MidMarch2030));

    [Fact]
    public void The_expiry_month_ends_at_midnight_UTC()
    {
        var expiry = new CardExpiry(3, 2030);

        Assert.False(expiry.HasPassedAt(new DateTimeOffset(2030, 3, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.True(expiry.HasPassedAt(new DateTimeOffset(2030, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        // Local time does not matter: 1 April 01:00 in Paris is still March in UTC.
        Assert.False(expiry.HasPassedAt(new DateTimeOffset(2030, 4, 1, 1, 0, 0, TimeSpan.FromHours(2))));
    }

    [Theory]
    [InlineData(2050, false)]
    [InlineData(2051, true)]
    public void An_expiry_more_than_20_years_ahead_is_too_far(int year, bool tooFar) =>
        Assert.Equal(tooFar, new CardExpiry(1, year).IsTooFarAheadOf(MidMarch2030));
}
