using Commerce.Shipping.Api.Domain;

namespace Commerce.Shipping.Tests.Domain;

public sealed class TrackingNumberTests
{
    [Fact]
    public void A_shipment_always_gets_the_same_tracking_number()
    {
        // Pinned: the carrier and customers hold these numbers, so the derivation must never change silently.
        Assert.Equal("CMAQAR92WTZVRQQZ0T", TrackingNumber.For(Guid.Parse("0196f3b2-7c1e-7a4d-9b7e-3f2a1c5d8e90")));
    }

    [Fact]
    public void Tracking_numbers_are_short_unambiguous_and_distinct()
    {
        var numbers = Enumerable.Range(0, 10_000).Select(_ => TrackingNumber.For(Guid.CreateVersion7())).ToList();

        Assert.All(numbers, number => Assert.Matches("^CM[0-9A-HJKMNP-TV-Z]{16}$", number));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }
}
