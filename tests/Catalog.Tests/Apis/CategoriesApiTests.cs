using Commerce.Catalog.Api.Domain;
using Commerce.Catalog.Contracts;
using Refit;

namespace Commerce.Catalog.Tests.Apis;

public sealed class CategoriesApiTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task Categories_are_listed_by_name()
    {
        var catalog = RestService.For<ICatalogApi>(factory.CreateClient());

        var categories = await catalog.GetCategoriesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            DemoCatalog.Categories.Select(c => c.Name).Order(StringComparer.Ordinal),
            categories.Select(c => c.Name));
    }
}
