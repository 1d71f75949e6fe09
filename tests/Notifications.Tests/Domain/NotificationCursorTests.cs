using Commerce.Notifications.Api.Domain;

namespace Commerce.Notifications.Tests.Domain;

public sealed class NotificationCursorTests
{
    [Fact]
    public void A_cursor_survives_its_round_trip_through_its_text()
    {
        var cursor = new NotificationCursor(new DateTimeOffset(2026, 11, 23, 6, 30, 0, 123, TimeSpan.Zero), Guid.NewGuid());

        Assert.True(NotificationCursor.TryParse(cursor.Encode(), null, out var parsed));
        Assert.Equal(cursor, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor!")]
    [InlineData("bm90IGpzb24")]
    public void Text_that_is_not_a_cursor_is_refused(string text) =>
        Assert.False(NotificationCursor.TryParse(text, null, out _));

    [Fact]
    public void A_cursor_without_an_id_is_refused() =>
        Assert.False(NotificationCursor.TryParse(new NotificationCursor(DateTimeOffset.UtcNow, Guid.Empty).Encode(), null, out _));
}
