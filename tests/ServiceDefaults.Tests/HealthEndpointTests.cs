using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.ServiceDefaults.Tests;

public sealed class HealthEndpointTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alive_answers_while_a_dependency_is_down_but_health_does_not()
    {
        await using var app = await TestApp.StartAsync(AddFailingDatabaseCheck);
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Per_check_detail_is_written_in_Development_only()
    {
        await using var development = await TestApp.StartAsync(AddFailingDatabaseCheck, environment: "Development");
        await using var production = await TestApp.StartAsync(AddFailingDatabaseCheck, environment: "Production");

        var detailed = await development.GetTestClient().GetAsync("/health", Cancellation);
        var terse = await production.GetTestClient().GetAsync("/health", Cancellation);

        using var report = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", await terse.Content.ReadAsStringAsync(Cancellation));
    }

    private static void AddFailingDatabaseCheck(WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck("database", () => HealthCheckResult.Unhealthy("down"));
}
