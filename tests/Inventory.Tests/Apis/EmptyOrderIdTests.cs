using System.Net.Http.Json;
using Commerce.Testing;

namespace Commerce.Inventory.Tests.Apis;

/// <summary>The empty GUID is no order's id, as in every other service: each endpoint keyed by an order refuses it.</summary>
public sealed class EmptyOrderIdTests(InventoryApiFactory factory) : IClassFixture<InventoryApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "PUT", "/reservations/00000000-0000-0000-0000-000000000000" },
        { "GET", "/reservations/00000000-0000-0000-0000-000000000000" },
        { "DELETE", "/reservations/00000000-0000-0000-0000-000000000000" },
        { "POST", "/reservations/00000000-0000-0000-0000-000000000000/commit" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_empty_GUID_is_a_400_naming_the_order_id_and_nothing_is_held_under_it(string method, string path)
    {
        using var client = factory.CreateClient();
        var productId = await factory.StockProductAsync(onHand: 5, Cancellation);
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = JsonContent.Create(new { lines = new[] { new { productId, quantity = 2 } } }),
        };

        var response = await client.SendAsync(request, Cancellation);

        await ProblemAssert.NamesFieldAsync(response, "orderId", Cancellation);
        Assert.Equal(0, await factory.QuerySingleAsync<int>(
            "SELECT count(*)::int FROM reservations WHERE order_id = '00000000-0000-0000-0000-000000000000'", null, Cancellation));
        Assert.Equal(new StockRow(5, 0), await factory.ReadStockAsync(productId, Cancellation));
    }
}
