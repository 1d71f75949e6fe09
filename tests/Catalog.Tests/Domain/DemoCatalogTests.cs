using Commerce.Catalog.Api.Domain;

namespace Commerce.Catalog.Tests.Domain;

public sealed class DemoCatalogTests
{
    [Fact]
    public void The_demo_catalog_has_at_least_200_products_over_at_least_8_categories()
    {
        Assert.True(DemoCatalog.Products.Count >= 200, $"{DemoCatalog.Products.Count} products");
        Assert.True(DemoCatalog.Categories.Count >= 8, $"{DemoCatalog.Categories.Count} categories");
        Assert.All(DemoCatalog.Categories, category =>
            Assert.Contains(DemoCatalog.Products, product => product.CategoryId == category.Id));
    }

    [Fact]
    public void Ids_skus_and_names_are_unique_and_ids_run_from_one()
    {
        var products = DemoCatalog.Products;

        Assert.Equal(Enumerable.Range(1, products.Count), products.Select(product => product.Id));
        Assert.Equal(products.Count, products.Select(product => product.Sku).Distinct().Count());
        Assert.Equal(products.Count, products.Select(product => product.Name).Distinct().Count());
    }

    [Fact]
    public void Prices_are_positive_amounts_in_cents()
    {
        Assert.All(DemoCatalog.Products, product =>
        {
            Assert.True(product.Price > 0, product.Sku);
            Assert.Equal(product.Price, decimal.Round(product.Price, 2));
        });
    }
}
