using System.Buffers.Text;
using System.Text;
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

    [Fact]
    public void A_forged_cursor_whose_number_ends_in_a_NUL_is_not_a_cursor()
    {
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"638765432101234567\0:{Guid.NewGuid():N}"));

        Assert.False(OrderCursor.TryDecode(forged, out _));
    }
}
