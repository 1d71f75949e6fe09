using Commerce.Ordering.Api.Domain;

namespace Commerce.Ordering.Tests.Domain;

public sealed class OrderCursorTests
{
    [Fact]
    public void A_cursor_reads_back_as_the_position_it_was_made_from()
    {
        var cursor = new OrderCursor(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1230), Guid.NewGuid());

        Assert.True(OrderCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor!")]
    [InlineData("MTIzOnh5eg")]
    public void Anything_else_is_not_a_cursor(string text)
    {
        Assert.False(OrderCursor.TryDecode(text, out _));
    }
}
