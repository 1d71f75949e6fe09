using Commerce.Notifications.Api.Domain;
using Commerce.Testing.Hostile;

namespace Commerce.Notifications.Tests.Apis;

/// <summary>Hostile input to the Notifications endpoint (it has only reads): always a 4xx ProblemDetails, never a 500.</summary>
public sealed class HostileInputTests(NotificationsApiFactory factory) : IClassFixture<NotificationsApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hostile_input_to_every_endpoint_is_a_4xx_problem()
    {
        using var client = factory.CreateClient();
        var probe = new HostileInputProbe(client, "Notifications");

        await probe.ProbeAsync(new HostileEndpoint("GET", "/customers/{customerId}/notifications")
        {
            Route = new Dictionary<string, string> { ["customerId"] = $"customer-{Guid.NewGuid():N}" },
            Query = new Dictionary<string, string>
            {
                ["pageSize"] = "5",
                ["cursor"] = new NotificationCursor(DateTimeOffset.UtcNow, Guid.NewGuid()).Encode(),
            },
            ValidStatus = 200,
        }, Cancellation);

        probe.Report();
    }
}
