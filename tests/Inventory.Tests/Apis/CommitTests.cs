using System.Net;
using Commerce.Inventory.Contracts;
using Commerce.Testing;

namespace Commerce.Inventory.Tests.Apis;

public sealed class CommitTests(InventoryApiFactory factory) : IClassFixture<InventoryApiFactory>
{
    private readonly IInventoryApi _inventory = factory.CreateInventoryClient();
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Committing_takes_the_units_off_hand_for_good_and_publishes_StockCommitted_once()
    {
        var first = await factory.StockProductAsync(10, Cancellation);
        var second = await factory.StockProductAsync(3, Cancellation);
        var orderId = Guid.NewGuid();
        await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(first, 4), new(second, 3)]), Cancellation);
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["inventory.stock-committed"], cancellationToken: Cancellation);

        var committed = await _inventory.CommitAsync(orderId, Cancellation);
        var again = await _inventory.CommitAsync(orderId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        Assert.Equal(ReservationStatus.Committed, committed.Content!.Status);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equivalent(committed.Content, again.Content, strict: true);
        Assert.Equal(new StockRow(6, 0), await factory.ReadStockAsync(first, Cancellation));
        Assert.Equal(new StockRow(0, 0), await factory.ReadStockAsync(second, Cancellation));

        var message = await probe.NextForAsync(orderId, Cancellation);
        Assert.Equal("inventory.stock-committed", message.RoutingKey);
        Assert.Equal(2, message.Json.GetProperty("lines").GetArrayLength());
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task Committing_an_unknown_reservation_is_not_found()
    {
        var response = await _inventory.CommitAsync(Guid.NewGuid(), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Committing_a_released_reservation_is_a_conflict_that_changes_nothing()
    {
        var productId = await factory.StockProductAsync(10, Cancellation);
        var orderId = Guid.NewGuid();
        await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 2)]), Cancellation);
        await _inventory.ReleaseAsync(orderId, Cancellation);

        var response = await _inventory.CommitAsync(orderId, Cancellation);

        await ReserveTests.AssertConflictAsync(response, InventoryRefusalReasons.ReservationReleased);
        Assert.Equal(new StockRow(10, 0), await factory.ReadStockAsync(productId, Cancellation));
    }

    [Fact]
    public async Task Committing_a_refused_reservation_is_a_conflict()
    {
        var productId = await factory.StockProductAsync(1, Cancellation);
        var orderId = Guid.NewGuid();
        await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 2)]), Cancellation);

        var response = await _inventory.CommitAsync(orderId, Cancellation);

        await ReserveTests.AssertConflictAsync(response, InventoryRefusalReasons.ReservationRefused);
        Assert.Equal(new StockRow(1, 0), await factory.ReadStockAsync(productId, Cancellation));
    }
}
