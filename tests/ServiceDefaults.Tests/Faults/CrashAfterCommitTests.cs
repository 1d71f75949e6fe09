using System.Net;
using System.Text.Json;

namespace Commerce.ServiceDefaults.Tests.Faults;

public sealed class CrashAfterCommitTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_that_commits_runs_to_the_end_then_the_process_is_killed_before_the_client_has_an_answer()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("crash-on-order", """{"method":"POST","path":"/orders","crashAfterCommit":true}""");

        var answer = await AnswerOrExceptionAsync(service.PlaceOrderAsync());

        Assert.IsNotType<HttpResponseMessage>(answer);
        Assert.Equal(1, service.Commits);
        Assert.Equal(["crash-on-order"], service.Terminator.Rules);
    }

    [Fact]
    public async Task The_crash_happens_once_and_the_next_request_is_answered()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("crash-on-order", """{"path":"/orders","crashAfterCommit":true}""");
        await AnswerOrExceptionAsync(service.PlaceOrderAsync());

        var next = await service.PlaceOrderAsync();

        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Equal(2, service.Commits);
        Assert.Single(service.Terminator.Rules);
        Assert.False(await CrashArmedAsync(service, "crash-on-order"));
    }

    [Fact]
    public async Task A_refusal_commits_nothing_so_it_is_answered_as_it_was_and_the_crash_stays_armed()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("crash-on-order", """{"path":"/orders","crashAfterCommit":true}""");

        var refused = await service.PlaceOrderAsync(refuse: true);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("Refused on purpose.", problem.RootElement.GetProperty("title").GetString());
        Assert.Empty(service.Terminator.Rules);
        Assert.True(await CrashArmedAsync(service, "crash-on-order"));

        var committed = await AnswerOrExceptionAsync(service.PlaceOrderAsync());

        Assert.IsNotType<HttpResponseMessage>(committed);
        Assert.Equal(["crash-on-order"], service.Terminator.Rules);
    }

    [Fact]
    public async Task A_request_failed_by_fail_next_does_not_take_the_crash()
    {
        await using var service = await FaultyService.StartAsync();
        await service.SetRuleAsync("down-then-crash", """{"path":"/orders","failNext":1,"crashAfterCommit":true}""");

        var failed = await service.PlaceOrderAsync();
        var crashed = await AnswerOrExceptionAsync(service.PlaceOrderAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.IsNotType<HttpResponseMessage>(crashed);
        Assert.Equal(1, service.Commits);
        Assert.Equal(["down-then-crash"], service.Terminator.Rules);
    }

    /// <summary>
    /// The response, or the exception the client saw instead of one: the test server reports the aborted request as an
    /// OperationCanceledException (a socket client would see an HttpRequestException).
    /// </summary>
    private static async Task<object> AnswerOrExceptionAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            return await request;
        }
        catch (Exception exception) when (
            exception is HttpRequestException or IOException or OperationCanceledException && !Cancellation.IsCancellationRequested)
        {
            return exception;
        }
    }

    private static async Task<bool> CrashArmedAsync(FaultyService service, string rule)
    {
        using var rules = JsonDocument.Parse(await service.Client.GetStringAsync("/faults", Cancellation));
        return rules.RootElement.GetProperty(rule).GetProperty("crashArmed").GetBoolean();
    }
}
