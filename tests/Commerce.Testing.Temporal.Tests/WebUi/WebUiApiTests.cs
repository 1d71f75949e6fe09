using System.Net;
using System.Text.Json;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using static Commerce.Testing.Temporal.Tests.TestWorkers;

namespace Commerce.Testing.Temporal.Tests.WebUi;

/// <summary>
/// The HTTP API the Temporal Web UI calls (tools/temporal-ui/API.md), answered by the in-process server over a real
/// SDK worker's workflows: what the UI needs to find a workflow by a search attribute, open it, and act on it.
/// </summary>
public sealed class WebUiApiTests : IAsyncLifetime
{
    private const string OrderId = "OrderId";

    private readonly string _site = Directory.CreateTempSubdirectory("temporal-ui-").FullName;
    private TemporalTestServer? _server;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private TemporalTestServer Server => _server ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() => _server = await TemporalTestServer.StartAsync(new()
    {
        SearchAttributes = new Dictionary<string, IndexedValueType> { [OrderId] = IndexedValueType.Keyword },
        Ui = new TemporalUiOptions(0, _site),
    }, Cancellation);

    [Fact]
    public async Task A_workflow_is_found_by_its_search_attribute_and_opened_with_its_history_and_workers()
    {
        var client = await TemporalClient.ConnectAsync(new(Server.Address));
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        using var ui = new WebUiBrowser(Server.UiAddress!);
        var order = Guid.NewGuid().ToString();

        await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((TaggedWorkflow wf) => wf.RunAsync(OrderId, order), new(NewWorkflowId(), taskQueue));
            await WaitForEventAsync(handle, e => e.EventType == EventType.UpsertWorkflowSearchAttributes);
            var query = Uri.EscapeDataString($"{OrderId}=\"{order}\"");

            var settings = await ui.GetJsonAsync("/api/v1/settings?");
            Assert.False(settings.GetProperty("Auth").GetProperty("Enabled").GetBoolean());
            var attributes = await ui.GetJsonAsync("/api/v1/namespaces/default/search-attributes?");
            Assert.Equal("INDEXED_VALUE_TYPE_KEYWORD", attributes.GetProperty("customAttributes").GetProperty(OrderId).GetString());

            var count = await ui.GetJsonAsync($"/api/v1/namespaces/default/workflow-count?query={query}+GROUP+BY+ExecutionStatus");
            Assert.Equal("1", count.GetProperty("count").GetString());
            var group = Assert.Single(count.GetProperty("groups").EnumerateArray());
            Assert.Equal("Running", WebUiBrowser.Decode(group.GetProperty("groupValues")[0]).GetString());

            var list = await ui.GetJsonAsync($"/api/v1/namespaces/default/workflows?pageSize=100&nextPageToken=&query={query}");
            var found = Assert.Single(list.GetProperty("executions").EnumerateArray());
            Assert.Equal(handle.Id, found.GetProperty("execution").GetProperty("workflowId").GetString());
            Assert.Equal(nameof(TaggedWorkflow), found.GetProperty("type").GetProperty("name").GetString());
            var runId = found.GetProperty("execution").GetProperty("runId").GetString();

            var described = await ui.GetJsonAsync($"/api/v1/namespaces/default/workflows/{handle.Id}?execution.runId={runId}");
            var info = described.GetProperty("workflowExecutionInfo");
            Assert.Equal("WORKFLOW_EXECUTION_STATUS_RUNNING", info.GetProperty("status").GetString());
            Assert.Equal(order, WebUiBrowser.Decode(info.GetProperty("searchAttributes").GetProperty("indexedFields").GetProperty(OrderId)).GetString());
            Assert.Equal(taskQueue, described.GetProperty("executionConfig").GetProperty("taskQueue").GetProperty("name").GetString());

            // The run's page waits for both kinds of the queue's workers before it shows anything.
            foreach (var type in new[] { 1, 2 })
            {
                var queue = await ui.GetJsonAsync($"/api/v1/namespaces/default/task-queues/{taskQueue}?taskQueueType={type}");
                Assert.NotEmpty(queue.GetProperty("pollers").EnumerateArray());
            }

            var history = await ui.GetJsonAsync($"/api/v1/namespaces/default/workflows/{handle.Id}/history?execution.runId={runId}&waitNewEvent=false");
            var events = history.GetProperty("history").GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ToList();
            Assert.Equal("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED", events[0]);
            Assert.Contains("EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES", events);

            await handle.SignalAsync(wf => wf.ReleaseAsync());
            await handle.GetResultAsync();
        }, Cancellation);
    }

    [Fact]
    public async Task A_running_workflows_history_is_followed_with_a_long_poll_until_it_closes()
    {
        var client = await TemporalClient.ConnectAsync(new(Server.Address));
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        using var ui = new WebUiBrowser(Server.UiAddress!);

        await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            await WaitForEventAsync(handle, e => e.EventType == EventType.WorkflowTaskCompleted);
            var path = $"/api/v1/namespaces/default/workflows/{handle.Id}/history?execution.runId={handle.ResultRunId}&waitNewEvent=true";

            var first = await ui.GetJsonAsync(path);
            var token = first.GetProperty("nextPageToken").GetString();
            Assert.False(string.IsNullOrEmpty(token), "a running workflow's history must leave a token to wait on");
            var waiting = ui.GetJsonAsync($"{path}&next_page_token={Uri.EscapeDataString(token!)}");
            await handle.SignalAsync(wf => wf.ApproveAsync("ada"));
            await handle.GetResultAsync();

            var next = await waiting;
            var events = next.GetProperty("history").GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ToList();
            Assert.Equal("EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED", events[0]);
        }, Cancellation);
    }

    [Fact]
    public async Task A_query_a_signal_and_a_cancellation_from_the_UI_reach_the_workflow_with_the_pages_csrf_token_only()
    {
        var client = await TemporalClient.ConnectAsync(new(Server.Address));
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        using var ui = new WebUiBrowser(Server.UiAddress!);
        await ui.GetJsonAsync("/api/v1/settings?");

        await worker.ExecuteAsync(async () =>
        {
            var approval = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            var workflow = $"/api/v1/namespaces/default/workflows/{approval.Id}";
            var execution = $$"""{"workflowId":"{{approval.Id}}","runId":"{{approval.ResultRunId}}"}""";

            using var queried = await ui.PostAsync($"{workflow}/query/Progress", $$$"""{"execution":{{{execution}}},"query":{"queryType":"Progress","queryArgs":null}}""");
            var answer = await WebUiBrowser.JsonAsync(queried, HttpStatusCode.OK);
            Assert.Equal("waiting", WebUiBrowser.Decode(answer.GetProperty("queryResult").GetProperty("payloads")[0]).GetString());

            var signal = $$$"""{"signalName":"Approve","workflowExecution":{{{execution}}},"input":{"payloads":[{{{WebUiBrowser.Payload("ada")}}}]}}""";
            using var forged = await ui.PostAsync($"{workflow}/signal/Approve", signal, withCsrfToken: false);
            var refusal = await WebUiBrowser.JsonAsync(forged, HttpStatusCode.BadRequest);
            Assert.Contains("X-CSRF-TOKEN", refusal.GetProperty("message").GetString());
            using var signalled = await ui.PostAsync($"{workflow}/signal/Approve", signal);
            await WebUiBrowser.JsonAsync(signalled, HttpStatusCode.OK);
            Assert.Equal("approved by ada", await approval.GetResultAsync());

            var other = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            using var cancelled = await ui.PostAsync($"/api/v1/namespaces/default/workflows/{other.Id}/cancel?execution.runId={other.ResultRunId}", null);
            await WebUiBrowser.JsonAsync(cancelled, HttpStatusCode.OK);
            await WaitForEventAsync(other, e => e.EventType == EventType.WorkflowExecutionCancelRequested);
        }, Cancellation);
    }

    [Fact]
    public async Task What_the_server_refuses_keeps_its_status_and_what_it_lacks_is_a_501_the_UI_can_show()
    {
        using var ui = new WebUiBrowser(Server.UiAddress!);

        using var unknown = await ui.GetAsync("/api/v1/namespaces/default/workflows/no-such-workflow?execution.runId=");
        Assert.Equal(5, (await WebUiBrowser.JsonAsync(unknown, HttpStatusCode.NotFound)).GetProperty("code").GetInt32());
        using var badQuery = await ui.GetAsync("/api/v1/namespaces/default/workflows?query=" + Uri.EscapeDataString("WorkflowId LIKE 'a%'"));
        Assert.Equal(3, (await WebUiBrowser.JsonAsync(badQuery, HttpStatusCode.BadRequest)).GetProperty("code").GetInt32());
        using var schedules = await ui.GetAsync("/api/v1/namespaces/default/schedules");
        var lacking = await WebUiBrowser.JsonAsync(schedules, HttpStatusCode.NotImplemented);
        Assert.Contains("/schedules", lacking.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Every_page_is_the_sites_index_with_its_csrf_cookie_and_until_it_is_built_a_page_saying_so()
    {
        using var ui = new WebUiBrowser(Server.UiAddress!);
        using (var building = await ui.GetAsync("/namespaces/default/workflows"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, building.StatusCode);
            Assert.NotNull(building.Headers.RetryAfter);
            Assert.Contains("The Temporal UI is being built", await building.Content.ReadAsStringAsync(Cancellation));
        }

        Directory.CreateDirectory(Path.Combine(_site, "_app", "immutable"));
        await File.WriteAllTextAsync(Path.Combine(_site, "index.html"), "<!doctype html><title>Temporal</title>", Cancellation);
        await File.WriteAllTextAsync(Path.Combine(_site, "_app", "immutable", "start.js"), "export {}", Cancellation);
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(_site)!, "outside.txt"), "not the site's", Cancellation);

        using var page = await ui.GetAsync("/namespaces/default/workflows/order-1/run-1/history");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("_csrf=", StringComparison.Ordinal) && !cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        using var script = await ui.GetAsync("/_app/immutable/start.js");
        Assert.Equal("export {}", await script.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("immutable", script.Headers.CacheControl?.ToString());
        using var escape = await ui.GetAsync("/..%2Foutside.txt");
        Assert.DoesNotContain("not the site's", await escape.Content.ReadAsStringAsync(Cancellation));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Directory.Delete(_site, recursive: true);
    }
}
