using Commerce.Inventory.Api.Domain;

namespace Commerce.Inventory.Tests.Domain;

public sealed class DemoStockTests
{
    [Fact]
    public void Every_demo_catalog_product_from_1_to_240_is_stocked_once()
    {
        Assert.Equal(Enumerable.Range(1, 240), DemoStock.Levels.Select(level => level.ProductId));
    }

    [Fact]
    public void Every_20th_product_is_out_of_stock()
    {
        var outOfStock = DemoStock.Levels.Where(level => level.OnHand == 0).Select(level => level.ProductId);

        Assert.Equal(Enumerable.Range(1, 12).Select(n => n * 20), outOfStock);
    }

    [Fact]
    public void Products_7_and_13_of_every_20_are_scarce_with_one_to_four_units()
    {
        var scarce = DemoStock.Levels.Where(level => level.OnHand is > 0 and < 10).ToList();

        Assert.Equal(24, scarce.Count);
        Assert.All(scarce, level => Assert.Contains(level.ProductId % 20, new[] { 7, 13 }));
        Assert.Equal([1, 2, 3, 4], scarce.Select(level => level.OnHand).Distinct().Order());
    }

    [Fact]
    public void The_rest_are_plentiful()
    {
        var plentiful = DemoStock.Levels.Where(level => level.OnHand >= 10).ToList();

        Assert.Equal(204, plentiful.Count);
        Assert.All(plentiful, level => Assert.InRange(level.OnHand, 50, 249));
    }

    [Fact]
    public void Every_category_of_30_has_products_in_each_situation()
    {
        foreach (var category in DemoStock.Levels.Chunk(30))
        {
            Assert.Contains(category, level => level.OnHand == 0);
            Assert.Contains(category, level => level.OnHand is > 0 and < 10);
            Assert.Contains(category, level => level.OnHand >= 50);
        }
    }
}
