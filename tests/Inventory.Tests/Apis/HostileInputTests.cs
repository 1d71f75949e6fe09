using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Testing.Hostile;

namespace Commerce.Inventory.Tests.Apis;

/// <summary>Hostile input to every Inventory endpoint: always a 4xx ProblemDetails, never a 500, no stock held or moved.</summary>
public sealed class HostileInputTests(InventoryApiFactory factory) : IClassFixture<InventoryApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hostile_input_to_every_endpoint_is_a_4xx_problem_and_holds_no_stock()
    {
        using var client = factory.CreateClient();
        var probe = new HostileInputProbe(client, "Inventory");
        var productId = await factory.StockProductAsync(onHand: 10, Cancellation);

        await probe.ProbeAsync(new HostileEndpoint("GET", "/stock") { Query = new Dictionary<string, string> { ["productIds"] = $"{productId}" }, ValidStatus = 200 }, Cancellation);

        var orderId = Guid.NewGuid();
        var route = new Dictionary<string, string> { ["orderId"] = orderId.ToString() };
        await probe.ProbeAsync(new HostileEndpoint("PUT", "/reservations/{orderId}")
        {
            Route = route,
            Body = $$"""{"lines":[{"productId":{{productId}},"quantity":2}]}""",
            AssertNothingWritten = async cancellationToken =>
            {
                Assert.Equal(0, await factory.QuerySingleAsync<int>("SELECT count(*)::int FROM reservations", null, cancellationToken));
                Assert.Equal(new StockRow(10, 0), await factory.ReadStockAsync(productId, cancellationToken));
            },
            ValidStatus = 200,
        }, Cancellation);

        await probe.ProbeAsync(new HostileEndpoint("GET", "/reservations/{orderId}") { Route = route, ValidStatus = 200 }, Cancellation);
        // In this order each valid request is allowed: commit the reservation, then releasing it is too late.
        foreach (var (method, template, status) in new[] { ("POST", "/reservations/{orderId}/commit", 200), ("DELETE", "/reservations/{orderId}", 409) })
        {
            var before = await StatusOfAsync(client, orderId);
            await probe.ProbeAsync(new HostileEndpoint(method, template)
            {
                Route = route,
                AssertNothingWritten = async _ => Assert.Equal(before, await StatusOfAsync(client, orderId)),
                ValidStatus = status,
            }, Cancellation);
        }

        probe.Report();
    }

    private static async Task<string?> StatusOfAsync(HttpClient client, Guid orderId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/reservations/{orderId}", Cancellation)).GetProperty("status").GetString();
}
