using System.Net;
using Commerce.Inventory.Contracts;
using Commerce.Testing;
using Refit;

namespace Commerce.Inventory.Tests.Apis;

public sealed class ReserveTests(InventoryApiFactory factory) : IClassFixture<InventoryApiFactory>
{
    private readonly IInventoryApi _inventory = factory.CreateInventoryClient();
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reserving_holds_the_units_and_publishes_StockReserved_with_the_lines()
    {
        var first = await factory.StockProductAsync(10, Cancellation);
        var second = await factory.StockProductAsync(5, Cancellation);
        var orderId = Guid.NewGuid();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["inventory.*"], cancellationToken: Cancellation);

        // Lines out of product order: the answer and the event list them by product id.
        var response = await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(second, 5), new(first, 3)]), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reservation = response.Content!;
        Assert.Equal(orderId, reservation.OrderId);
        Assert.Equal(ReservationStatus.Reserved, reservation.Status);
        Assert.Equal([new ReservationLine(first, 3), new ReservationLine(second, 5)], reservation.Lines);
        Assert.Empty(reservation.Shortages);
        Assert.Equal(new StockRow(10, 3), await factory.ReadStockAsync(first, Cancellation));
        Assert.Equal(new StockRow(5, 5), await factory.ReadStockAsync(second, Cancellation));

        var message = await probe.NextForAsync(orderId, Cancellation);
        Assert.Equal("inventory.stock-reserved", message.RoutingKey);
        var lines = message.Json.GetProperty("lines").EnumerateArray()
            .Select(line => (line.GetProperty("productId").GetInt32(), line.GetProperty("quantity").GetInt32()));
        Assert.Equal([(first, 3), (second, 5)], lines);
    }

    [Fact]
    public async Task A_reservation_with_one_short_line_reserves_nothing_lists_the_short_line_and_publishes_nothing()
    {
        var plenty = await factory.StockProductAsync(100, Cancellation);
        var scarce = await factory.StockProductAsync(2, Cancellation);
        await factory.ExecuteAsync("UPDATE stock SET reserved = 1 WHERE product_id = @scarce", new { scarce }, Cancellation);
        var orderId = Guid.NewGuid();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["inventory.*"], cancellationToken: Cancellation);

        var response = await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(plenty, 4), new(scarce, 2)]), Cancellation);

        var problem = await AssertConflictAsync(response, "out-of-stock"); // the wire word itself, which clients branch on
        Assert.Equal(orderId, problem.OrderId);
        Assert.Equal([new Shortage(scarce, Requested: 2, Available: 1)], problem.Shortages);
        Assert.Equal(new StockRow(100, 0), await factory.ReadStockAsync(plenty, Cancellation));
        Assert.Equal(new StockRow(2, 1), await factory.ReadStockAsync(scarce, Cancellation));
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task Every_short_line_is_listed_and_a_product_without_stock_counts_as_none_available()
    {
        var scarce = await factory.StockProductAsync(1, Cancellation);
        const int neverStocked = 999_999;

        var response = await _inventory.ReserveAsync(
            Guid.NewGuid(), new ReserveStockRequest([new(neverStocked, 1), new(scarce, 3)]), Cancellation);

        var problem = await AssertConflictAsync(response, InventoryRefusalReasons.OutOfStock);
        Assert.Equal([new Shortage(scarce, 3, 1), new Shortage(neverStocked, 1, 0)], problem.Shortages);
    }

    [Fact]
    public async Task Repeating_a_reservation_answers_the_same_and_publishes_nothing_new()
    {
        var productId = await factory.StockProductAsync(10, Cancellation);
        var orderId = Guid.NewGuid();
        var request = new ReserveStockRequest([new(productId, 4)]);
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["inventory.*"], cancellationToken: Cancellation);

        var first = await _inventory.ReserveAsync(orderId, request, Cancellation);
        await probe.NextForAsync(orderId, Cancellation);
        var repeat = await _inventory.ReserveAsync(orderId, request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equivalent(first.Content, repeat.Content, strict: true);
        Assert.Equal(new StockRow(10, 4), await factory.ReadStockAsync(productId, Cancellation));
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task Repeating_a_refused_reservation_is_refused_the_same_way_even_after_a_restock()
    {
        var productId = await factory.StockProductAsync(2, Cancellation);
        var orderId = Guid.NewGuid();
        var request = new ReserveStockRequest([new(productId, 5)]);
        var refused = await AssertConflictAsync(await _inventory.ReserveAsync(orderId, request, Cancellation), InventoryRefusalReasons.OutOfStock);

        await factory.ExecuteAsync("UPDATE stock SET on_hand = 50 WHERE product_id = @productId", new { productId }, Cancellation);
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["inventory.*"], cancellationToken: Cancellation);
        var repeat = await _inventory.ReserveAsync(orderId, request, Cancellation);

        // The saga cancelled the order on the first refusal: holding stock for it now would hold it for nobody.
        var again = await AssertConflictAsync(repeat, InventoryRefusalReasons.OutOfStock);
        Assert.Equivalent(refused, again, strict: true);
        Assert.Equal([new Shortage(productId, 5, 2)], again.Shortages);
        Assert.Equal(new StockRow(50, 0), await factory.ReadStockAsync(productId, Cancellation));
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task Reserving_other_lines_under_an_order_id_already_used_is_a_conflict_that_changes_nothing()
    {
        var productId = await factory.StockProductAsync(10, Cancellation);
        var orderId = Guid.NewGuid();
        await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 1)]), Cancellation);

        var response = await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 2)]), Cancellation);

        await AssertConflictAsync(response, InventoryRefusalReasons.ReservationMismatch);
        Assert.Equal(new StockRow(10, 1), await factory.ReadStockAsync(productId, Cancellation));
    }

    [Fact]
    public async Task Reserving_again_after_the_commit_answers_the_committed_reservation()
    {
        var productId = await factory.StockProductAsync(10, Cancellation);
        var orderId = Guid.NewGuid();
        var request = new ReserveStockRequest([new(productId, 2)]);
        await _inventory.ReserveAsync(orderId, request, Cancellation);
        await _inventory.CommitAsync(orderId, Cancellation);

        var repeat = await _inventory.ReserveAsync(orderId, request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(ReservationStatus.Committed, repeat.Content!.Status);
        Assert.Equal(new StockRow(8, 0), await factory.ReadStockAsync(productId, Cancellation));
    }

    [Fact]
    public async Task A_reservation_reads_back_by_its_order_id_as_it_was_answered()
    {
        var productId = await factory.StockProductAsync(10, Cancellation);
        var orderId = Guid.NewGuid();
        var reserved = await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 2)]), Cancellation);

        var read = await _inventory.GetReservationAsync(orderId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equivalent(reserved.Content, read.Content, strict: true);
    }

    [Fact]
    public async Task A_refused_reservation_reads_back_with_its_shortages()
    {
        var productId = await factory.StockProductAsync(1, Cancellation);
        var orderId = Guid.NewGuid();
        await _inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 2)]), Cancellation);

        var read = await _inventory.GetReservationAsync(orderId, Cancellation);

        Assert.Equal(ReservationStatus.Refused, read.Content!.Status);
        Assert.Equal([new ReservationLine(productId, 2)], read.Content.Lines);
        Assert.Equal([new Shortage(productId, 2, 1)], read.Content.Shortages);
    }

    [Fact]
    public async Task An_unknown_reservation_is_not_found()
    {
        var read = await _inventory.GetReservationAsync(Guid.NewGuid(), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    internal static async Task<InventoryProblem> AssertConflictAsync(IApiResponse response, string reason)
    {
        // Refit reads a problem+json answer as a ValidationApiException, an ApiException that keeps the raw content.
        var error = Assert.IsAssignableFrom<ApiException>(response.Error);
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {error.Content}");
        Assert.Equal("application/problem+json", response.ContentHeaders?.ContentType?.MediaType);
        var problem = await error.GetContentAsAsync<InventoryProblem>();
        Assert.NotNull(problem);
        Assert.Equal(reason, problem.Reason);
        Assert.Equal(409, problem.Status);
        Assert.False(string.IsNullOrEmpty(problem.Type));
        Assert.False(string.IsNullOrEmpty(problem.Title));
        return problem;
    }
}
