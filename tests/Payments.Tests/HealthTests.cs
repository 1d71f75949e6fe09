using System.Net;
using Commerce.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.Payments.Tests;

public sealed class HealthTests(PaymentsApiFactory factory) : IClassFixture<PaymentsApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_checks_the_database_and_the_broker_and_both_are_healthy()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health", Cancellation);
        var report = await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HealthStatus.Healthy, report.Entries[HealthProbe.DatabaseCheck].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries[HealthProbe.BrokerCheck].Status);
    }
}
