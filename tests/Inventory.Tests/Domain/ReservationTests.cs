using Commerce.Inventory.Api.Domain;
using Commerce.Inventory.Contracts;

namespace Commerce.Inventory.Tests.Domain;

public sealed class ReservationTests
{
    private static readonly IReadOnlyList<ReservationLine> Lines = [new(1, 2), new(5, 1)];

    [Fact]
    public void A_line_is_short_when_it_asks_for_more_than_is_available()
    {
        var available = new Dictionary<int, int> { [1] = 2, [5] = 0, [7] = 3 };

        var shortages = Reservation.FindShortages([new(7, 4), new(1, 2), new(5, 1)], available);

        Assert.Equal([new Shortage(5, 1, 0), new Shortage(7, 4, 3)], shortages);
    }

    [Fact]
    public void A_product_with_no_stock_row_has_nothing_available()
    {
        var shortages = Reservation.FindShortages([new(9, 1)], new Dictionary<int, int>());

        Assert.Equal([new Shortage(9, 1, 0)], shortages);
    }

    [Theory]
    [InlineData(ReservationStatus.Reserved, true, null)]
    [InlineData(ReservationStatus.Released, false, null)]
    [InlineData(ReservationStatus.Refused, false, null)]
    [InlineData(ReservationStatus.Committed, false, InventoryRefusalReasons.ReservationCommitted)]
    public void Release_by_status(ReservationStatus status, bool changes, string? refusal)
    {
        var decision = With(status).DecideRelease();

        Assert.Equal(changes, decision.Changes);
        Assert.Equal(refusal, decision.Refusal?.Reason);
    }

    [Theory]
    [InlineData(ReservationStatus.Reserved, true, null)]
    [InlineData(ReservationStatus.Committed, false, null)]
    [InlineData(ReservationStatus.Released, false, InventoryRefusalReasons.ReservationReleased)]
    [InlineData(ReservationStatus.Refused, false, InventoryRefusalReasons.ReservationRefused)]
    public void Commit_by_status(ReservationStatus status, bool changes, string? refusal)
    {
        var decision = With(status).DecideCommit();

        Assert.Equal(changes, decision.Changes);
        Assert.Equal(refusal, decision.Refusal?.Reason);
    }

    [Theory]
    [InlineData(ReservationStatus.Reserved, null)]
    [InlineData(ReservationStatus.Committed, null)]
    [InlineData(ReservationStatus.Released, InventoryRefusalReasons.ReservationReleased)]
    [InlineData(ReservationStatus.Refused, InventoryRefusalReasons.OutOfStock)]
    public void A_repeat_with_the_same_lines_in_any_order_answers_by_status(ReservationStatus status, string? refusal)
    {
        var decision = With(status).DecideRepeat([new(5, 1), new(1, 2)]);

        Assert.False(decision.Changes);
        Assert.Equal(refusal, decision.Refusal?.Reason);
    }

    [Fact]
    public void A_repeated_refusal_lists_the_shortages_first_recorded()
    {
        var refused = With(ReservationStatus.Refused) with { Shortages = [new Shortage(5, 1, 0)] };

        var decision = refused.DecideRepeat(Lines);

        Assert.Equal([new Shortage(5, 1, 0)], decision.Refusal!.Shortages);
    }

    [Fact]
    public void A_repeat_with_other_lines_is_refused_as_a_mismatch()
    {
        var decision = With(ReservationStatus.Reserved).DecideRepeat([new(1, 3), new(5, 1)]);

        Assert.Equal(InventoryRefusalReasons.ReservationMismatch, decision.Refusal?.Reason);
    }

    private static Reservation With(ReservationStatus status) =>
        new(Guid.NewGuid(), status, Lines, [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
