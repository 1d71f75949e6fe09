using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Testing.Hostile;

namespace Commerce.Shipping.Tests.Apis;

/// <summary>Hostile input to every Shipping endpoint: always a 4xx ProblemDetails, never a 500, no shipment half-written.</summary>
public sealed class HostileInputTests(ShippingApiFactory factory) : IClassFixture<ShippingApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hostile_input_to_every_endpoint_is_a_4xx_problem_and_writes_nothing()
    {
        using var client = factory.CreateClient();
        var probe = new HostileInputProbe(client, "Shipping");

        await probe.ProbeAsync(new HostileEndpoint("POST", "/quotes") { Body = Json(Parcels.Quote()), ValidStatus = 200 }, Cancellation);

        var orderId = Guid.NewGuid();
        var route = new Dictionary<string, string> { ["orderId"] = orderId.ToString() };
        await probe.ProbeAsync(new HostileEndpoint("PUT", "/shipments/{orderId}")
        {
            Route = route,
            Body = Json(Parcels.Shipment()),
            AssertNothingWritten = async cancellationToken => Assert.Equal((0, 0, 0), await factory.CountRowsAsync(orderId, cancellationToken)),
            ValidStatus = 201,
        }, Cancellation);

        await probe.ProbeAsync(new HostileEndpoint("GET", "/shipments/{orderId}") { Route = route, ValidStatus = 200 }, Cancellation);
        // In this order each valid request is allowed: dispatch the parcel, then cancelling is too late.
        foreach (var (action, status) in new[] { ("dispatch", 200), ("cancel", 409) })
        {
            var before = await StatusOfAsync(client, orderId);
            await probe.ProbeAsync(new HostileEndpoint("POST", $"/shipments/{{orderId}}/{action}")
            {
                Route = route,
                AssertNothingWritten = async _ => Assert.Equal(before, await StatusOfAsync(client, orderId)),
                ValidStatus = status,
            }, Cancellation);
        }

        probe.Report();
    }

    private static string Json<T>(T request) => JsonSerializer.Serialize(request, JsonSerializerOptions.Web);

    private static async Task<string?> StatusOfAsync(HttpClient client, Guid orderId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/shipments/{orderId}", Cancellation)).GetProperty("status").GetString();
}
