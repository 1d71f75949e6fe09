using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Inventory.Contracts;
using Commerce.Testing;

namespace Commerce.Inventory.Tests.Apis;

/// <summary>Stock never goes negative and is never sold twice, however many reservations compete for it at once.</summary>
public sealed class ConcurrencyTests(InventoryApiFactory factory) : IClassFixture<InventoryApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifty_concurrent_reservations_for_ten_units_reserve_exactly_ten_and_refuse_the_rest()
    {
        var productId = await factory.StockProductAsync(10, Cancellation);
        var orderIds = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["inventory.stock-reserved"], cancellationToken: Cancellation);
        using var client = factory.CreateClient();

        var responses = await Task.WhenAll(orderIds.Select(orderId =>
            client.PutAsJsonAsync($"/reservations/{orderId}", new ReserveStockRequest([new(productId, 1)]), Cancellation)));

        var statuses = responses.Select(response => response.StatusCode).ToArray();
        Assert.Equal(10, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(40, statuses.Count(status => status == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(response => response.StatusCode == HttpStatusCode.Conflict))
        {
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancellation));
            Assert.Equal(InventoryRefusalReasons.OutOfStock, problem.RootElement.GetProperty("reason").GetString());
        }

        Assert.Equal(new StockRow(10, 10), await factory.ReadStockAsync(productId, Cancellation));
        var reservedOrders = orderIds.Where((_, index) => statuses[index] == HttpStatusCode.OK).ToHashSet();
        var heldInDatabase = await factory.QuerySingleAsync<int>(
            """
            SELECT COALESCE(sum(l.quantity), 0)::int
            FROM reservations r JOIN reservation_lines l ON l.order_id = r.order_id
            WHERE l.product_id = @productId AND r.status = 'reserved'
            """,
            new { productId },
            Cancellation);
        Assert.Equal(10, heldInDatabase);
        Assert.Equal(40, await factory.QuerySingleAsync<int>(
            "SELECT count(*)::int FROM reservations WHERE order_id = ANY(@orderIds) AND status = 'refused'",
            new { orderIds },
            Cancellation));

        var published = new HashSet<Guid>();
        while (published.Count < 10)
        {
            published.Add((await probe.NextAsync(OrderEvents.Within, Cancellation)).Json.GetProperty("orderId").GetGuid());
        }

        Assert.Equal(reservedOrders, published);
    }

    [Fact]
    public async Task Concurrent_duplicates_of_one_order_reserve_once_and_all_get_the_same_answer()
    {
        var productId = await factory.StockProductAsync(100, Cancellation);
        var orderId = Guid.NewGuid();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["inventory.*"], cancellationToken: Cancellation);
        var inventory = factory.CreateInventoryClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            inventory.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 3)]), Cancellation)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.All(responses, response => Assert.Equivalent(responses[0].Content, response.Content, strict: true));
        Assert.Equal(new StockRow(100, 3), await factory.ReadStockAsync(productId, Cancellation));
        await probe.NextForAsync(orderId, Cancellation);
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task Reservations_releases_and_commits_over_shared_products_never_deadlock_or_oversell()
    {
        var apples = await factory.StockProductAsync(30, Cancellation);
        var pears = await factory.StockProductAsync(30, Cancellation);
        var inventory = factory.CreateInventoryClient();
        var orderIds = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();

        // Each order wants both products, listed in either order; half of them are released or committed right away,
        // so locks are taken by every kind of step at once.
        var outcomes = await Task.WhenAll(orderIds.Select(async (orderId, index) =>
        {
            ReservationLine[] lines = index % 2 == 0 ? [new(apples, 1), new(pears, 1)] : [new(pears, 1), new(apples, 1)];
            var reserved = await inventory.ReserveAsync(orderId, new ReserveStockRequest(lines), Cancellation);
            var followUp = reserved.StatusCode != HttpStatusCode.OK ? null
                : index % 4 == 1 ? await inventory.ReleaseAsync(orderId, Cancellation)
                : index % 4 == 3 ? await inventory.CommitAsync(orderId, Cancellation)
                : null;
            return (reserved.StatusCode, FollowUp: followUp?.StatusCode);
        }));

        Assert.All(outcomes, outcome => Assert.True(outcome.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{outcome.StatusCode}"));
        Assert.All(outcomes, outcome => Assert.True(outcome.FollowUp is null or HttpStatusCode.OK, $"{outcome.FollowUp}"));
        var counts = await factory.QuerySingleAsync<(int Reserved, int Committed)>(
            """
            SELECT count(*) FILTER (WHERE status = 'reserved')::int, count(*) FILTER (WHERE status = 'committed')::int
            FROM reservations WHERE order_id = ANY(@orderIds)
            """,
            new { orderIds },
            Cancellation);
        foreach (var productId in new[] { apples, pears })
        {
            var stock = await factory.ReadStockAsync(productId, Cancellation);
            Assert.Equal(new StockRow(30 - counts.Committed, counts.Reserved), stock);
        }
    }
}
