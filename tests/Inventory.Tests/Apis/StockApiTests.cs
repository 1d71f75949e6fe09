using Commerce.Inventory.Api.Domain;
using Commerce.Inventory.Contracts;

namespace Commerce.Inventory.Tests.Apis;

public sealed class StockApiTests(InventoryApiFactory factory) : IClassFixture<InventoryApiFactory>
{
    private readonly IInventoryApi _inventory = factory.CreateInventoryClient();
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_catalog_is_stocked_by_the_documented_rule()
    {
        var levels = new List<StockLevelDto>();
        foreach (var batch in Enumerable.Range(1, DemoStock.ProductCount).Chunk(100))
        {
            levels.AddRange(await _inventory.GetStockLevelsAsync(batch, Cancellation));
        }

        Assert.Equal(
            DemoStock.Levels.Select(level => new StockLevelDto(level.ProductId, level.OnHand, 0, level.OnHand)),
            levels);
    }

    [Fact]
    public async Task Products_without_stock_report_nothing_available()
    {
        var levels = await _inventory.GetStockLevelsAsync([20, 888_888], Cancellation);

        Assert.Equal([new StockLevelDto(20, 0, 0, 0), new StockLevelDto(888_888, 0, 0, 0)], levels);
    }

    [Fact]
    public async Task Each_product_is_answered_once_in_id_order()
    {
        var levels = await _inventory.GetStockLevelsAsync([9, 3, 9, 5, 3], Cancellation);

        Assert.Equal([3, 5, 9], levels.Select(level => level.ProductId));
    }

    [Fact]
    public async Task Reserved_units_are_no_longer_available()
    {
        var productId = await factory.StockProductAsync(10, Cancellation);
        await _inventory.ReserveAsync(Guid.NewGuid(), new ReserveStockRequest([new(productId, 4)]), Cancellation);

        var level = Assert.Single(await _inventory.GetStockLevelsAsync([productId], Cancellation));

        Assert.Equal(new StockLevelDto(productId, OnHand: 10, Reserved: 4, Available: 6), level);
    }
}
