using System.Net;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Xunit;

namespace Commerce.AppHost.Tests;

public sealed class ServiceResourceTests
{
    // The worker's /health includes its Temporal connection: healthy means it reached the server in its container.
    private static readonly string[] Services = ["catalog", "inventory", "payments", "shipping", "notifications", "ordering", "workflows"];

    [Fact]
    public async Task Every_service_becomes_healthy_and_answers_health()
    {
        // One AppHost for every service: starting one per service would boot PostgreSQL, RabbitMQ and Temporal each time.
        // Generous: a cold machine first pulls the three images; a warm start takes seconds.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        var cancellationToken = timeout.Token;

        await using var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Commerce_AppHost>(cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);

        // A service that exits (a failed migration, a broker it cannot reach) fails the test at once, naming itself,
        // instead of leaving the test to wait for the timeout.
        await Task.WhenAll(Services.Select(service =>
            app.ResourceNotifications.WaitForResourceHealthyAsync(service, WaitBehavior.StopOnResourceUnavailable, cancellationToken)));

        var statuses = new Dictionary<string, HttpStatusCode>();
        foreach (var service in Services)
        {
            // The plain HTTP endpoint, so the test does not depend on a trusted development certificate.
            using var client = app.CreateHttpClient(service, "http");
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
            statuses[service] = health.StatusCode;
        }

        // Every service is checked before asserting, so one failure report names all the services that did not answer.
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status.Value));
    }
}
