using System.Net;
using Commerce.Inventory.Contracts;
using Commerce.Testing;

namespace Commerce.Inventory.Tests.Apis;

public sealed class ReleaseTests(InventoryApiFactory factory) : IClassFixture<InventoryApiFactory>
{
    private readonly IInventoryApi _inventory = factory.CreateInventoryClient();
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Releasing_returns_the_units_to_stock_and_publishes_StockReleased_once()
    {
        var productId = await factory.StockProductAsync(10, Cancellation);
        var orderId = Guid.NewGuid();
        await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 4)]), Cancellation);
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["inventory.stock-released"], cancellationToken: Cancellation);

        var released = await _inventory.ReleaseAsync(orderId, Cancellation);
        var again = await _inventory.ReleaseAsync(orderId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(ReservationStatus.Released, released.Content!.Status);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equivalent(released.Content, again.Content, strict: true);
        Assert.Equal(new StockRow(10, 0), await factory.ReadStockAsync(productId, Cancellation));

        var message = await probe.NextForAsync(orderId, Cancellation);
        Assert.Equal("inventory.stock-released", message.RoutingKey);
        var line = Assert.Single(message.Json.GetProperty("lines").EnumerateArray());
        Assert.Equal(productId, line.GetProperty("productId").GetInt32());
        Assert.Equal(4, line.GetProperty("quantity").GetInt32());
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task Releasing_an_unknown_reservation_succeeds_and_changes_no_stock()
    {
        var orderId = Guid.NewGuid();
        var stockBefore = await TotalStockAsync();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["inventory.*"], cancellationToken: Cancellation);

        var response = await _inventory.ReleaseAsync(orderId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReservationStatus.Released, response.Content!.Status);
        Assert.Empty(response.Content.Lines);
        Assert.Equal(stockBefore, await TotalStockAsync());
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task A_reservation_that_arrives_after_its_release_is_refused_and_holds_nothing()
    {
        // The saga released stock after its reserve call timed out; the call itself arrives late.
        var productId = await factory.StockProductAsync(10, Cancellation);
        var orderId = Guid.NewGuid();
        await _inventory.ReleaseAsync(orderId, Cancellation);

        var late = await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 1)]), Cancellation);

        await ReserveTests.AssertConflictAsync(late, InventoryRefusalReasons.ReservationReleased);
        Assert.Equal(new StockRow(10, 0), await factory.ReadStockAsync(productId, Cancellation));
    }

    [Fact]
    public async Task Reserving_again_after_a_release_is_refused()
    {
        var productId = await factory.StockProductAsync(10, Cancellation);
        var orderId = Guid.NewGuid();
        var request = new ReserveStockRequest([new(productId, 3)]);
        await _inventory.ReserveAsync(orderId, request, Cancellation);
        await _inventory.ReleaseAsync(orderId, Cancellation);

        var again = await _inventory.ReserveAsync(orderId, request, Cancellation);

        await ReserveTests.AssertConflictAsync(again, InventoryRefusalReasons.ReservationReleased);
        Assert.Equal(new StockRow(10, 0), await factory.ReadStockAsync(productId, Cancellation));
    }

    [Fact]
    public async Task Releasing_a_refused_reservation_succeeds_and_changes_nothing()
    {
        var productId = await factory.StockProductAsync(1, Cancellation);
        await factory.ExecuteAsync("UPDATE stock SET reserved = 1 WHERE product_id = @productId", new { productId }, Cancellation);
        var orderId = Guid.NewGuid();
        await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 1)]), Cancellation);

        var response = await _inventory.ReleaseAsync(orderId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReservationStatus.Refused, response.Content!.Status);
        Assert.Equal(new StockRow(1, 1), await factory.ReadStockAsync(productId, Cancellation));
    }

    [Fact]
    public async Task Releasing_a_committed_reservation_is_a_conflict_that_changes_nothing()
    {
        var productId = await factory.StockProductAsync(10, Cancellation);
        var orderId = Guid.NewGuid();
        await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 2)]), Cancellation);
        await _inventory.CommitAsync(orderId, Cancellation);

        var response = await _inventory.ReleaseAsync(orderId, Cancellation);

        await ReserveTests.AssertConflictAsync(response, InventoryRefusalReasons.ReservationCommitted);
        Assert.Equal(new StockRow(8, 0), await factory.ReadStockAsync(productId, Cancellation));
        Assert.Equal(ReservationStatus.Committed, (await _inventory.GetReservationAsync(orderId, Cancellation)).Content!.Status);
    }

    private Task<StockRow> TotalStockAsync() =>
        factory.QuerySingleAsync<StockRow>("SELECT sum(on_hand)::int AS OnHand, sum(reserved)::int AS Reserved FROM stock", null, Cancellation);
}
