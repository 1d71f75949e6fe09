using System.Net;
using System.Text;
using System.Text.Json;

namespace Commerce.ServiceDefaults.Tests.Faults;

public sealed class FaultControlApiTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_answers_the_rule_as_stored_with_its_defaults()
    {
        await using var service = await FaultyService.StartAsync();

        var response = await service.PutRuleAsync("items-down", """{"path":"/items/*","failNext":2}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var rule = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("/items/*", rule.RootElement.GetProperty("path").GetString());
        Assert.Equal(2, rule.RootElement.GetProperty("failNext").GetInt32());
        Assert.Equal(503, rule.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(0, rule.RootElement.GetProperty("errorRate").GetDouble());
        Assert.False(rule.RootElement.GetProperty("crashAfterCommit").GetBoolean());
    }

    [Fact]
    public async Task Get_lists_each_rule_by_name_with_what_is_left_of_it()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("items-down", """{"path":"/items/*","failNext":2,"for":"00:10:00"}""");
        await service.SetRuleAsync("crash-on-order", """{"path":"/orders","crashAfterCommit":true}""");
        await service.GetItemAsync();

        using var rules = JsonDocument.Parse(await service.Client.GetStringAsync("/faults", Cancellation));

        var itemsDown = rules.RootElement.GetProperty("items-down");
        Assert.Equal("/items/*", itemsDown.GetProperty("rule").GetProperty("path").GetString());
        Assert.Equal(1, itemsDown.GetProperty("remainingFailNext").GetInt32());
        Assert.False(itemsDown.GetProperty("crashArmed").GetBoolean());
        Assert.Equal(service.Clock.GetUtcNow() + TimeSpan.FromMinutes(10), itemsDown.GetProperty("expiresAt").GetDateTimeOffset());
        var crash = rules.RootElement.GetProperty("crash-on-order");
        Assert.True(crash.GetProperty("crashArmed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, crash.GetProperty("expiresAt").ValueKind);
    }

    [Fact]
    public async Task Putting_a_rule_again_replaces_it_and_starts_its_counters_over()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("items-down", """{"path":"/items/*","failNext":1}""");
        await service.GetItemAsync();
        Assert.Equal(HttpStatusCode.OK, (await service.GetItemAsync()).StatusCode);

        await service.SetRuleAsync("items-down", """{"path":"/items/*","failNext":1,"status":502}""");

        Assert.Equal(HttpStatusCode.BadGateway, (await service.GetItemAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.GetItemAsync()).StatusCode);
    }

    [Theory]
    [InlineData("""{"failNext":1}""", "path")]
    [InlineData("""{"path":"","failNext":1}""", "path")]
    [InlineData("""{"path":"items","failNext":1}""", "path")]
    [InlineData("""{"path":"/a/**/b","failNext":1}""", "path")]
    [InlineData("""{"path":"/a\u0000","failNext":1}""", "path")]
    [InlineData("""{"path":"/a","method":"GET /","failNext":1}""", "method")]
    [InlineData("""{"path":"/a","errorRate":1.5}""", "errorRate")]
    [InlineData("""{"path":"/a","errorRate":-0.1}""", "errorRate")]
    [InlineData("""{"path":"/a","failNext":-1}""", "failNext")]
    [InlineData("""{"path":"/a","failNext":1,"status":200}""", "status")]
    [InlineData("""{"path":"/a","failNext":1,"status":600}""", "status")]
    [InlineData("""{"path":"/a","latency":"-00:00:01"}""", "latency")]
    [InlineData("""{"path":"/a","latency":"soon"}""", "latency")]
    [InlineData("""{"path":"/a","failNext":1,"for":"-00:01:00"}""", "for")]
    [InlineData("""{"path":"/a","failNext":"many"}""", "failNext")]
    [InlineData("""{"path":"/a","failnxt":1}""", "failnxt")]
    [InlineData("""{"path":"/a"}""", "rule")]
    [InlineData("""{"path":"/a","latency":"00:00:00","failNext":0,"errorRate":0}""", "rule")]
    [InlineData("null", "path")]
    public async Task An_invalid_rule_is_a_400_naming_the_field_and_is_not_stored(string json, string field)
    {
        await using var service = await FaultyService.StartAsync();

        var response = await service.PutRuleAsync("bad", json);

        await AssertFieldRefusedAsync(response, field);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.DeleteAsync("/faults/bad", Cancellation)).StatusCode);
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("%C3%A9t%C3%A9")]
    public async Task A_name_that_a_header_or_URL_cannot_carry_as_it_is_is_a_400_naming_it(string name)
    {
        await using var service = await FaultyService.StartAsync();

        var response = await service.PutRuleAsync(name, """{"path":"/items/*","failNext":1}""");

        await AssertFieldRefusedAsync(response, "name");
    }

    [Fact]
    public async Task A_rule_not_sent_as_JSON_is_a_415()
    {
        await using var service = await FaultyService.StartAsync();

        var response = await service.Client.PutAsync(
            "/faults/items-down", new StringContent("""{"path":"/items/*","failNext":1}""", Encoding.UTF8, "text/plain"), Cancellation);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_rule_and_an_unknown_one_is_a_404()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("items-down", """{"path":"/items/*","failNext":5}""");

        var removed = await service.Client.DeleteAsync("/faults/items-down", Cancellation);
        var again = await service.Client.DeleteAsync("/faults/items-down", Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.GetItemAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("items-down", await again.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_of_all_removes_every_rule()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("items-down", """{"path":"/items/*","failNext":5}""");
        await service.SetRuleAsync("orders-down", """{"path":"/orders","failNext":5}""");

        var response = await service.Client.DeleteAsync("/faults", Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("{}", await service.Client.GetStringAsync("/faults", Cancellation));
        Assert.Equal(HttpStatusCode.OK, (await service.GetItemAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await service.PlaceOrderAsync()).StatusCode);
    }

    [Fact]
    public async Task Rules_in_configuration_are_in_force_from_start_up()
    {
        await using var service = await FaultyService.StartAsync(new Dictionary<string, string?>
        {
            ["Faults:Rules:items-down:path"] = "/items/*",
            ["Faults:Rules:items-down:failNext"] = "1",
            ["Faults:Rules:items-down:status"] = "504",
        });

        var first = await service.GetItemAsync();
        var second = await service.GetItemAsync();

        Assert.Equal(HttpStatusCode.GatewayTimeout, first.StatusCode);
        Assert.Equal("items-down", Assert.Single(first.Headers.GetValues("X-Fault")));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    private static async Task AssertFieldRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }
}
