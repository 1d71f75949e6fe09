using Commerce.Catalog.Api.Domain;

namespace Commerce.Catalog.Tests.Domain;

public sealed class ProductCursorTests
{
    [Fact]
    public void A_browse_cursor_survives_encoding()
    {
        var cursor = ProductCursor.AfterNamed("Café Crème \"Grande\"", 42);

        Assert.True(ProductCursor.TryParse(cursor.Encode(), null, out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.False(decoded.IsSearch);
    }

    [Fact]
    public void A_search_cursor_keeps_its_rank_exactly()
    {
        var cursor = ProductCursor.AfterRanked(0.0607927f, 7);

        Assert.True(ProductCursor.TryParse(cursor.Encode(), null, out var decoded));
        Assert.Equal(0.0607927f, decoded.AfterRank);
        Assert.True(decoded.IsSearch);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("eyJpIjoxfQ")] // {"i":1}: no sort key
    [InlineData("eyJpIjoxLCJuIjoiYSIsInIiOjAuNX0")] // {"i":1,"n":"a","r":0.5}: two sort keys
    [InlineData("eyJpIjowLCJuIjoiYSJ9")] // {"i":0,"n":"a"}: an id no product has
    [InlineData("W10")] // []: JSON, but not an object
    public void Anything_that_is_not_a_cursor_this_service_made_is_refused(string value)
    {
        Assert.False(ProductCursor.TryParse(value, null, out _));
    }
}
