using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace Commerce.ServiceDefaults.Tests.Faults;

public sealed class FaultSwitchSafetyTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public async Task Switched_off_there_is_no_control_API_and_a_configured_rule_does_nothing(string? enabled)
    {
        await using var app = await TestApp.StartAsync(
            mapEndpoints: endpoints => endpoints.MapGet("/items/{id:int}", (int id) => TypedResults.Ok(id)),
            environment: "Development",
            settings: new Dictionary<string, string?>
            {
                ["Faults:Enabled"] = enabled,
                ["Faults:Rules:items-down:path"] = "/items/*",
                ["Faults:Rules:items-down:failNext"] = "5",
            });
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/faults", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/faults", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/items/1", Cancellation)).StatusCode);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Switched_on_outside_Development_and_tests_the_service_refuses_to_start(string environment)
    {
        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => FaultyService.StartAsync(environment: environment));

        Assert.Contains("fault injection is only for Development and tests", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(environment, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public async Task Switched_on_in_Development_or_Testing_the_service_starts_with_its_control_API(string environment)
    {
        await using var service = await FaultyService.StartAsync(environment: environment);

        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/faults", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_rule_in_configuration_that_cannot_be_applied_stops_the_start_naming_it()
    {
        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => FaultyService.StartAsync(new Dictionary<string, string?>
        {
            ["Faults:Rules:flaky:path"] = "/items/*",
            ["Faults:Rules:flaky:errorRate"] = "2",
        }));

        Assert.Contains("Faults:Rules:flaky:errorRate", refusal.Message, StringComparison.Ordinal);
    }
}
