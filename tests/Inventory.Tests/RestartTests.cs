using Commerce.Inventory.Contracts;

namespace Commerce.Inventory.Tests;

public sealed class RestartTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_keeps_stock_as_it_was_instead_of_seeding_it_again()
    {
        var orderId = Guid.NewGuid();
        string connectionString;
        Uri virtualHost;
        await using (var first = new InventoryApiFactory())
        {
            await first.InitializeAsync();
            (connectionString, virtualHost) = (first.ConnectionString, first.VirtualHost);
            await first.CreateInventoryClient().ReserveAsync(orderId, new ReserveStockRequest([new(1, 2)]), Cancellation);
            await first.ExecuteAsync("UPDATE stock SET on_hand = 7 WHERE product_id = 2", null, Cancellation);
        }

        await using var second = new InventoryApiFactory { ConnectionString = connectionString, VirtualHost = virtualHost };
        await second.InitializeAsync();
        var restarted = second.CreateInventoryClient();

        var levels = await restarted.GetStockLevelsAsync([1, 2], Cancellation);
        var onHand1 = Api.Domain.DemoStock.OnHandFor(1);
        Assert.Equal([new StockLevelDto(1, onHand1, 2, onHand1 - 2), new StockLevelDto(2, 7, 0, 7)], levels);
        Assert.Equal(ReservationStatus.Reserved, (await restarted.GetReservationAsync(orderId, Cancellation)).Content!.Status);
    }

    [Fact]
    public async Task With_seeding_switched_off_nothing_is_stocked()
    {
        await using var inventory = new InventoryApiFactory { SeedDemoStock = false };
        await inventory.InitializeAsync();

        Assert.Equal(0, await inventory.QuerySingleAsync<int>("SELECT count(*)::int FROM stock", null, Cancellation));
    }
}
