using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Xunit;

namespace Commerce.AppHost.Tests;

public sealed class CatalogResourceTests
{
    [Fact]
    public async Task Catalog_answers_health_and_lists_products()
    {
        // Generous: a cold machine first pulls the PostgreSQL image; a warm start takes seconds.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var cancellationToken = timeout.Token;

        await using var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Commerce_AppHost>(cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("catalog", cancellationToken);

        // The plain HTTP endpoint, so the test does not depend on a trusted development certificate.
        using var catalog = app.CreateHttpClient("catalog", "http");

        using var health = await catalog.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var products = await catalog.GetAsync(new Uri("/products", UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
        var page = await products.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(page.GetProperty("items").GetArrayLength() > 0, "The catalog should list its seeded products.");
    }
}
