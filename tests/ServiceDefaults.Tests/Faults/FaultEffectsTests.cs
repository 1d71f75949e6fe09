using System.Net;
using System.Text.Json;

namespace Commerce.ServiceDefaults.Tests.Faults;

public sealed class FaultEffectsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fail_next_fails_exactly_the_next_N_matching_requests_without_running_the_endpoint()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("items-down", """{"path":"/items/*","failNext":3}""");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await service.GetItemAsync(i)).StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK],
            statuses);
        Assert.Equal(2, service.Handled);
    }

    [Fact]
    public async Task An_injected_503_is_a_ProblemDetails_naming_the_rule_with_Retry_After()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("items-down", """{"path":"/items/*","failNext":1}""");

        var response = await service.GetItemAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("items-down", Assert.Single(response.Headers.GetValues("X-Fault")));
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Injected fault", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("items-down", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_injected_failure_has_the_rule_s_status_and_only_a_503_has_Retry_After()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("broken", """{"path":"/items/*","failNext":1,"status":500}""");

        var response = await service.GetItemAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("broken", Assert.Single(response.Headers.GetValues("X-Fault")));
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal(0, service.Handled);
    }

    [Fact]
    public async Task A_rule_fails_only_requests_of_its_method_and_path()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("commits-down", """{"method":"post","path":"/reservations/*/commit","failNext":10}""");

        var read = await service.GetItemAsync();
        var order = await service.PlaceOrderAsync();
        var commit = await service.Client.PostAsync("/reservations/7/commit", null, Cancellation);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, commit.StatusCode);
        Assert.Equal(2, service.Handled);
    }

    [Fact]
    public async Task Latency_holds_the_request_until_that_much_time_has_passed_then_lets_it_run()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("slow-items", """{"path":"/items/**","latency":"00:00:02"}""");

        var answer = service.GetItemAsync();
        await service.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        service.Clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        Assert.False(answer.IsCompleted);
        Assert.Equal(0, service.Handled);
        service.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(HttpStatusCode.OK, (await answer).StatusCode);
        Assert.Equal(1, service.Handled);
    }

    [Fact]
    public async Task Latency_comes_before_an_injected_failure()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("slow-then-down", """{"path":"/items/*","latency":"00:00:05","failNext":1}""");

        var answer = service.GetItemAsync();
        await service.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        Assert.False(answer.IsCompleted);
        service.Clock.Advance(TimeSpan.FromSeconds(5));

        var response = await answer;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("slow-then-down", Assert.Single(response.Headers.GetValues("X-Fault")));
        Assert.Equal(0, service.Handled);
    }

    [Fact]
    public async Task When_several_rules_match_the_first_by_name_that_fails_names_the_failure()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("b-broken", """{"path":"/items/*","failNext":1,"status":500}""");
        await service.SetRuleAsync("a-gateway", """{"path":"/items/**","failNext":1,"status":502}""");

        var first = await service.GetItemAsync();
        var second = await service.GetItemAsync();
        var third = await service.GetItemAsync();

        Assert.Equal((HttpStatusCode.BadGateway, "a-gateway"), (first.StatusCode, Assert.Single(first.Headers.GetValues("X-Fault"))));
        Assert.Equal((HttpStatusCode.InternalServerError, "b-broken"), (second.StatusCode, Assert.Single(second.Headers.GetValues("X-Fault"))));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task A_rule_set_for_a_while_is_removed_once_that_time_has_passed()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("brief-outage", """{"path":"/items/*","errorRate":1,"for":"00:01:00"}""");

        var during = await service.GetItemAsync();
        service.Clock.Advance(TimeSpan.FromSeconds(59));
        var justBefore = await service.GetItemAsync();
        service.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await service.GetItemAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, justBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        using var rules = JsonDocument.Parse(await service.Client.GetStringAsync("/faults", Cancellation));
        Assert.False(rules.RootElement.TryGetProperty("brief-outage", out _));
    }

    [Fact]
    public async Task Health_alive_and_the_control_API_are_never_affected()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("everything-down", """{"path":"/**","failNext":1000,"latency":"01:00:00"}""");

        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/health", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/alive", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/faults", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await service.Client.DeleteAsync("/faults/everything-down", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.GetItemAsync()).StatusCode);
    }
}
