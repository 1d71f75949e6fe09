using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;
using static Commerce.Testing.Temporal.Tests.TestWorkers;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>Custom search attributes registered by an operator, set by workflows, and found again by visibility queries.</summary>
public sealed class VisibilityTests(TemporalTargets targets) : IClassFixture<TemporalTargets>
{
    // One name for every run, so a real server's registrations stay idempotent; each test tags with fresh values.
    private const string OrderId = "CommerceTestOrderId";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task Workflows_tagged_by_an_upsert_are_found_by_list_and_count_queries(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        await RegisterOrderIdAsync(client);
        var taskQueue = NewTaskQueue();
        var (first, second) = ($"order-{Guid.NewGuid():N}", $"order-{Guid.NewGuid():N}");
        var before = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var (finished, running) = await worker.ExecuteAsync(async () =>
        {
            var finished = await client.StartWorkflowAsync((TaggedWorkflow wf) => wf.RunAsync(OrderId, first), new(NewWorkflowId(), taskQueue));
            var running = await client.StartWorkflowAsync((TaggedWorkflow wf) => wf.RunAsync(OrderId, second), new(NewWorkflowId(), taskQueue));
            await WaitForEventAsync(running, e => e.EventType == EventType.UpsertWorkflowSearchAttributes);
            await finished.SignalAsync(wf => wf.ReleaseAsync());
            await finished.GetResultAsync();
            return (finished, running);
        }, Cancellation);

        var both = $"{OrderId} IN ('{first}', '{second}')";
        Assert.Equal([finished.Id], await EventuallyListedAsync(client, $"{OrderId} = '{first}'", expected: 1));
        Assert.Equal([running.Id], await EventuallyListedAsync(client, $"{both} AND ExecutionStatus = 'Running'", expected: 1));
        Assert.Equal([finished.Id], await EventuallyListedAsync(client, $"{both} AND ExecutionStatus != 'Running'", expected: 1));
        Assert.Equal(2, (await client.CountWorkflowsAsync(
            $"({OrderId} = '{first}' OR {OrderId} = '{second}') AND WorkflowType = 'TaggedWorkflow' AND StartTime > '{before}'")).Count);
        Assert.Equal(0, (await client.CountWorkflowsAsync($"{both} AND StartTime < '{before}'")).Count);
        await running.TerminateAsync("test over");
        await AssertReplaysAsync(finished);
        await AssertReplaysAsync(running);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_registered_search_attribute_is_listed_with_its_type(ServerKind server)
    {
        var client = await targets.ClientAsync(server);

        await RegisterOrderIdAsync(client);

        var listed = await client.Connection.OperatorService.ListSearchAttributesAsync(new() { Namespace = client.Options.Namespace });
        Assert.Equal(IndexedValueType.Keyword, listed.CustomAttributes[OrderId]);
        Assert.Equal(IndexedValueType.Keyword, listed.SystemAttributes["WorkflowId"]);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_query_with_an_unsupported_operator_is_refused_naming_it(ServerKind server)
    {
        var client = await targets.ClientAsync(server);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.CountWorkflowsAsync("WorkflowId LIKE 'wf-%'"));

        Assert.Equal(RpcException.StatusCode.InvalidArgument, refused.Code);
        Assert.Contains("LIKE", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task Starting_with_an_unregistered_search_attribute_is_refused(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var unregistered = $"Unregistered{Guid.NewGuid():N}";
        var options = new WorkflowOptions(NewWorkflowId(), NewTaskQueue())
        {
            TypedSearchAttributes = new SearchAttributeCollection.Builder()
                .Set(SearchAttributeKey.CreateKeyword(unregistered), "x").ToSearchAttributeCollection(),
        };

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), options));

        Assert.Equal(RpcException.StatusCode.InvalidArgument, refused.Code);
        Assert.Contains(unregistered, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task Upserting_an_unregistered_search_attribute_fails_the_workflow_task(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var handle = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync(
                (TaggedWorkflow wf) => wf.RunAsync($"Unregistered{Guid.NewGuid():N}", "x"), new(NewWorkflowId(), taskQueue));
            await WaitForEventAsync(handle, e => e.EventType == EventType.WorkflowTaskFailed);
            await handle.TerminateAsync("test over");
            return handle;
        }, Cancellation);

        var failed = (await handle.FetchHistoryAsync()).Events.First(e => e.EventType == EventType.WorkflowTaskFailed);
        Assert.Equal(WorkflowTaskFailedCause.BadSearchAttributes, failed.WorkflowTaskFailedEventAttributes.Cause);
        await AssertReplaysAsync(handle);
    }

    private static async Task RegisterOrderIdAsync(TemporalClient client) =>
        await client.Connection.OperatorService.AddSearchAttributesAsync(new AddSearchAttributesRequest
        {
            Namespace = client.Options.Namespace,
            SearchAttributes = { [OrderId] = IndexedValueType.Keyword },
        });

    /// <summary>The ids the query lists once it lists <paramref name="expected"/> runs: a real server's visibility lags.</summary>
    private static async Task<List<string>> EventuallyListedAsync(TemporalClient client, string query, int expected)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var ids = await client.ListWorkflowsAsync(query).Select(w => w.Id).ToListAsync(Cancellation);
            if (ids.Count == expected || DateTime.UtcNow > giveUp)
            {
                return ids;
            }
            await Task.Delay(200, Cancellation);
        }
    }
}
