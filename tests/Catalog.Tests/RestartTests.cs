using Commerce.Catalog.Api.Domain;
using Commerce.Catalog.Contracts;
using Refit;

namespace Commerce.Catalog.Tests;

public sealed class RestartTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_neither_duplicates_the_catalog_nor_undoes_a_price_change()
    {
        string connectionString;
        await using (var first = new CatalogApiFactory())
        {
            await first.InitializeAsync();
            connectionString = first.ConnectionString;
            var catalog = RestService.For<ICatalogApi>(first.CreateClient());
            await catalog.ChangePriceAsync(7, new ChangePriceRequest(1.5m), Cancellation);
        }

        await using var second = new CatalogApiFactory { ConnectionString = connectionString };
        await second.InitializeAsync();
        var restarted = RestService.For<ICatalogApi>(second.CreateClient());

        var count = 0;
        string? cursor = null;
        do
        {
            var page = await restarted.GetProductsAsync(cursor, pageSize: 100, cancellationToken: Cancellation);
            count += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(DemoCatalog.Products.Count, count);
        Assert.Equal(1.5m, (await restarted.GetProductAsync(7, Cancellation)).Content!.Price);
    }
}
