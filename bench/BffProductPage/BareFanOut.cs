using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.Bench.BffProductPage;

/// <summary>
/// The baseline: the product page's three downstream calls made at once with plain HttpClients, their JSON returned
/// side by side. No service discovery, resilience, budgets, degradation, telemetry, cache, rate limiter or headers.
/// </summary>
internal sealed class BareFanOut(WebApplication app, IReadOnlyList<HttpClient> clients) : IAsyncDisposable
{
    public Uri Address { get; } = new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public static async Task<BareFanOut> StartAsync(Uri catalog, Uri inventory, Uri shipping)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var catalogHttp = new HttpClient { BaseAddress = catalog };
        var inventoryHttp = new HttpClient { BaseAddress = inventory };
        var shippingHttp = new HttpClient { BaseAddress = shipping };
        app.MapGet("/products/{id:int}", async (int id, CancellationToken cancellationToken) =>
        {
            var product = catalogHttp.GetFromJsonAsync<JsonElement>($"/products/{id}", cancellationToken);
            var availability = inventoryHttp.GetFromJsonAsync<JsonElement>($"/stock?productIds={id}", cancellationToken);
            var estimate = QuoteAsync(shippingHttp, id, cancellationToken);
            await Task.WhenAll(product, availability, estimate);
            return Results.Json(new BareProductPage(await product, await availability, await estimate));
        });

        await app.StartAsync();
        return new BareFanOut(app, [catalogHttp, inventoryHttp, shippingHttp]);
    }

    private static async Task<JsonElement> QuoteAsync(HttpClient shipping, int productId, CancellationToken cancellationToken)
    {
        using var response = await shipping.PostAsJsonAsync("/quotes", LoadTarget.Quote(productId), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private sealed record BareProductPage(JsonElement Product, JsonElement Availability, JsonElement ShippingEstimate);
}
