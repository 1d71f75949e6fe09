using System.Net;

namespace Commerce.ServiceDefaults.Tests.Faults;

public sealed class ErrorRateTests
{
    private const int Requests = 200;

    [Fact]
    public async Task The_error_rate_fails_about_that_fraction_of_requests_and_the_rest_reach_the_endpoint()
    {
        var outcomes = await OutcomesAsync(seed: 1, rule: "flaky", """{"path":"/items/*","errorRate":0.3}""");

        var failed = outcomes.Count(passed => !passed);
        Assert.InRange(failed / (double)Requests, 0.2, 0.4);
    }

    [Fact]
    public async Task Two_services_with_the_same_seed_and_rule_fail_the_same_requests()
    {
        var first = await OutcomesAsync(seed: 42, rule: "flaky", """{"path":"/items/*","errorRate":0.5}""");
        var second = await OutcomesAsync(seed: 42, rule: "flaky", """{"path":"/items/*","errorRate":0.5}""");

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Another_seed_or_another_rule_name_fails_other_requests()
    {
        var reference = await OutcomesAsync(seed: 42, rule: "flaky", """{"path":"/items/*","errorRate":0.5}""");
        var otherSeed = await OutcomesAsync(seed: 43, rule: "flaky", """{"path":"/items/*","errorRate":0.5}""");
        var otherName = await OutcomesAsync(seed: 42, rule: "shaky", """{"path":"/items/*","errorRate":0.5}""");

        Assert.NotEqual(reference, otherSeed);
        Assert.NotEqual(reference, otherName);
    }

    [Fact]
    public async Task Fail_next_fails_first_and_then_the_error_rate_goes_on_as_it_would_alone()
    {
        var withFailNext = await OutcomesAsync(seed: 5, rule: "flaky", """{"path":"/items/*","failNext":3,"errorRate":0.5}""");
        var alone = await OutcomesAsync(seed: 5, rule: "flaky", """{"path":"/items/*","errorRate":0.5}""");

        Assert.Equal([false, false, false], withFailNext.Take(3));
        Assert.Equal(alone.Take(Requests - 3), withFailNext.Skip(3));
    }

    /// <summary>Whether each of <see cref="Requests"/> sequential requests passed, and checks that only those reached the endpoint.</summary>
    private static async Task<List<bool>> OutcomesAsync(int seed, string rule, string json)
    {
        await using var service = await FaultyService.StartAsync(new Dictionary<string, string?> { ["Faults:Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await service.SetRuleAsync(rule, json);

        var outcomes = new List<bool>();
        for (var i = 0; i < Requests; i++)
        {
            var status = (await service.GetItemAsync(i)).StatusCode;
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{status}");
            outcomes.Add(status == HttpStatusCode.OK);
        }

        Assert.Equal(outcomes.Count(passed => passed), service.Handled);
        return outcomes;
    }
}
