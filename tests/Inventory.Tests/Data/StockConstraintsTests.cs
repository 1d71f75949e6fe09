using Npgsql;

namespace Commerce.Inventory.Tests.Data;

/// <summary>The schema's checks are the last line of defence: a bug that would oversell fails its transaction.</summary>
public sealed class StockConstraintsTests(InventoryApiFactory factory) : IClassFixture<InventoryApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("UPDATE stock SET reserved = on_hand + 1 WHERE product_id = @productId", "stock_reserved_within_on_hand")]
    [InlineData("UPDATE stock SET reserved = -1 WHERE product_id = @productId", "stock_reserved_check")]
    [InlineData("UPDATE stock SET on_hand = -1, reserved = 0 WHERE product_id = @productId", "stock_on_hand_check")]
    [InlineData("UPDATE stock SET on_hand = 2 WHERE product_id = @productId", "stock_reserved_within_on_hand")]
    public async Task The_database_refuses_stock_below_zero_or_more_reserved_than_on_hand(string sql, string constraint)
    {
        var productId = await factory.StockProductAsync(5, Cancellation);
        await factory.ExecuteAsync("UPDATE stock SET reserved = 3 WHERE product_id = @productId", new { productId }, Cancellation);

        var violation = await Assert.ThrowsAsync<PostgresException>(() => factory.ExecuteAsync(sql, new { productId }, Cancellation));

        Assert.Equal(PostgresErrorCodes.CheckViolation, violation.SqlState);
        Assert.Equal(constraint, violation.ConstraintName);
        Assert.Equal(new StockRow(5, 3), await factory.ReadStockAsync(productId, Cancellation));
    }
}
