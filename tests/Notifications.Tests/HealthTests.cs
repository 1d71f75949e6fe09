using Commerce.Testing;
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

        await HealthProbe.AssertReportsHealthyAsync(client, [HealthProbe.DatabaseCheck, HealthProbe.BrokerCheck], Cancellation);
    }
}
