using System.Net;
using Commerce.Testing;

namespace Commerce.Catalog.Tests;

public sealed class HealthTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_is_unhealthy_while_PostgreSQL_is_stopped_and_healthy_again_after_it_restarts()
    {
        // Stopping a server would break every other test on the shared one: this test brings its own.
        await using var postgres = await PostgresServer.StartPrivateAsync(Cancellation);
        await using var catalog = new CatalogApiFactory { Postgres = postgres };
        await catalog.InitializeAsync();
        using var client = catalog.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Cancellation)).StatusCode);

        await postgres.StopAsync(Cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Cancellation)).StatusCode);
        var read = await client.GetAsync("/products/1", Cancellation);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.NotNull(read.Headers.RetryAfter);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);

        await postgres.StartAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, await HealthProbe.WaitForAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(10), Cancellation));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/products/1", Cancellation)).StatusCode);
    }
}
