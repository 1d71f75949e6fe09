using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Commerce.Bench.Raw;

/// <summary>
/// The web BFF's product page with nothing around it: the same three downstream calls (Catalog's product,
/// Inventory's stock, Shipping's quote for one unit to the BFF's estimate address) made at once with plain
/// HttpClients, their JSON returned side by side. No service discovery, resilience, budgets, degradation, telemetry,
/// output cache, rate limiter or security headers.
/// </summary>
public sealed class RawFanOut : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient[] _clients;

    private RawFanOut(WebApplication app, HttpClient[] clients)
    {
        _app = app;
        _clients = clients;
    }

    public Uri Address => RawKestrel.AddressOf(_app);

    /// <summary><c>GET /products/{id}</c>.</summary>
    public static async Task<RawFanOut> StartAsync(Uri catalog, Uri inventory, Uri shipping)
    {
        var app = RawKestrel.Build();
        var catalogHttp = new HttpClient { BaseAddress = catalog };
        var inventoryHttp = new HttpClient { BaseAddress = inventory };
        var shippingHttp = new HttpClient { BaseAddress = shipping };
        app.MapGet("/products/{id:int}", async (int id, CancellationToken cancellationToken) =>
        {
            var product = catalogHttp.GetFromJsonAsync<JsonElement>($"/products/{id}", cancellationToken);
            var availability = inventoryHttp.GetFromJsonAsync<JsonElement>($"/stock?productIds={id}", cancellationToken);
            var estimate = QuoteAsync(shippingHttp, id, cancellationToken);
            await Task.WhenAll(product, availability, estimate);
            return Results.Json(new RawProductPage(await product, await availability, await estimate));
        });

        await app.StartAsync();
        return new RawFanOut(app, [catalogHttp, inventoryHttp, shippingHttp]);
    }

    /// <summary>The quote body the BFF sends, written here by hand rather than from Shipping's contracts.</summary>
    public static object QuoteFor(int productId) => new
    {
        Address = new { RecipientName = "Estimate", Line1 = "1 Main Street", Line2 = (string?)null, City = "Springfield", PostalCode = "94105", Country = "US" },
        Lines = new[] { new { ProductId = productId, Quantity = 1 } },
    };

    private static async Task<JsonElement> QuoteAsync(HttpClient shipping, int productId, CancellationToken cancellationToken)
    {
        using var response = await shipping.PostAsJsonAsync("/quotes", QuoteFor(productId), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private sealed record RawProductPage(JsonElement Product, JsonElement Availability, JsonElement ShippingEstimate);
}
