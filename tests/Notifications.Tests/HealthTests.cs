using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;

namespace Commerce.Notifications.Tests;

public sealed class HealthTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_covers_the_database_and_the_broker()
    {
        // Development writes the per-check report; Production answers with the status alone.
        await using var service = new NotificationsApiFactory { EnvironmentName = Environments.Development };
        await service.InitializeAsync();
        using var client = service.CreateClient();

        var response = await client.GetAsync("/health", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("notificationsdb").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("eventbus").GetProperty("status").GetString());
    }
}
