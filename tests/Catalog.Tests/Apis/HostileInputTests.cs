using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Catalog.Api.Domain;
using Commerce.Testing.Hostile;

namespace Commerce.Catalog.Tests.Apis;

/// <summary>Hostile input to every Catalog endpoint that takes any: always a 4xx ProblemDetails, never a 500, nothing changed.</summary>
public sealed class HostileInputTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hostile_input_to_every_endpoint_is_a_4xx_problem_and_changes_nothing()
    {
        using var client = factory.CreateClient();
        var probe = new HostileInputProbe(client, "Catalog");
        var product = DemoCatalog.Products[41];
        var price = product.Price.ToString(CultureInfo.InvariantCulture);

        await probe.ProbeAsync(new HostileEndpoint("GET", "/products")
        {
            Query = new Dictionary<string, string> { ["pageSize"] = "5", ["categoryId"] = "1", ["cursor"] = ProductCursor.AfterNamed("Classic Chai Blend", 10).Encode() },
            ValidStatus = 200,
        }, Cancellation);
        await probe.ProbeAsync(new HostileEndpoint("GET", "/products")
        {
            Query = new Dictionary<string, string> { ["q"] = "tea", ["cursor"] = ProductCursor.AfterRanked(0.5f, 10).Encode() },
            ValidStatus = 200,
        }, Cancellation);
        await probe.ProbeAsync(new HostileEndpoint("GET", "/products/by-ids") { Query = new Dictionary<string, string> { ["ids"] = "1" }, ValidStatus = 200 }, Cancellation);
        await probe.ProbeAsync(new HostileEndpoint("GET", "/products/{id}") { Route = new Dictionary<string, string> { ["id"] = "1" }, ValidStatus = 200 }, Cancellation);
        await probe.ProbeAsync(new HostileEndpoint("GET", "/products/{id}/image") { Route = new Dictionary<string, string> { ["id"] = "1" }, ValidStatus = 200 }, Cancellation);
        await probe.ProbeAsync(new HostileEndpoint("PUT", "/products/{id}/price")
        {
            Route = new Dictionary<string, string> { ["id"] = product.Id.ToString(CultureInfo.InvariantCulture) },
            Body = $$"""{"price":{{price}}}""",
            AssertNothingWritten = async cancellationToken =>
            {
                var stored = await client.GetFromJsonAsync<JsonElement>($"/products/{product.Id}", cancellationToken);
                Assert.Equal(product.Price, stored.GetProperty("price").GetDecimal());
            },
            // The price it already has: the valid request shows the body was fine and still changes nothing.
            ValidStatus = 200,
        }, Cancellation);

        // A cursor is base64 of JSON, so a NUL can hide inside it where no query check sees it.
        foreach (var forged in new[] { ProductCursor.AfterNamed("Chai\0", 10), ProductCursor.AfterNamed("\0", 10) })
        {
            await probe.ExpectAsync(
                new HostileEndpoint("GET", "/products") { Query = new Dictionary<string, string> { ["cursor"] = forged.Encode() } },
                "forged cursor with a NUL", 400, "cursor", Cancellation);
        }

        probe.Report();
    }
}
