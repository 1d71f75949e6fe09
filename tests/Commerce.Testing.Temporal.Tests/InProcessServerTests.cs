using Microsoft.Extensions.Time.Testing;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Common;
using static Commerce.Testing.Temporal.Tests.TestWorkers;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>What only the in-process server does: a clock the test controls, and saying plainly what it lacks.</summary>
public sealed class InProcessServerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_timer_of_an_hour_fires_as_soon_as_the_fake_clock_passes_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TemporalTestServer.StartAsync(new() { TimeProvider = clock }, Cancellation);
        var client = await TemporalClient.ConnectAsync(new(server.Address));
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var (result, handle) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((TimerWorkflow wf) => wf.RunAsync(TimeSpan.FromHours(1)),
                new(NewWorkflowId(), taskQueue));
            await WaitForEventAsync(handle, e => e.EventType == EventType.TimerStarted);
            clock.Advance(TimeSpan.FromHours(1));
            return (await handle.GetResultAsync().WaitAsync(TimeSpan.FromSeconds(30), Cancellation), handle);
        }, Cancellation);

        Assert.Equal("woke up", result);
        await AssertReplaysAsync(handle);
    }

    [Fact]
    public async Task The_sdk_health_check_reports_the_server_serving()
    {
        await using var server = await TemporalTestServer.StartAsync(cancellationToken: Cancellation);
        var client = await TemporalClient.ConnectAsync(new(server.Address));

        Assert.True(await client.Connection.CheckHealthAsync(
            options: new Temporalio.Client.RpcOptions { CancellationToken = Cancellation }));
    }

    [Fact]
    public async Task An_rpc_the_server_lacks_is_answered_unimplemented_naming_it()
    {
        await using var server = await TemporalTestServer.StartAsync(cancellationToken: Cancellation);
        var client = await TemporalClient.ConnectAsync(new(server.Address));

        var refused = await Assert.ThrowsAsync<Temporalio.Exceptions.RpcException>(() =>
            client.WorkflowService.ResetWorkflowExecutionAsync(new ResetWorkflowExecutionRequest { Namespace = "default" }));

        Assert.Equal(Temporalio.Exceptions.RpcException.StatusCode.Unimplemented, refused.Code);
        Assert.Contains("ResetWorkflowExecution", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_update_is_answered_unimplemented_naming_the_rpc()
    {
        await using var server = await TemporalTestServer.StartAsync(cancellationToken: Cancellation);
        var client = await TemporalClient.ConnectAsync(new(server.Address));

        var refused = await Assert.ThrowsAsync<Temporalio.Exceptions.RpcException>(() =>
            client.WorkflowService.UpdateWorkflowExecutionAsync(new UpdateWorkflowExecutionRequest { Namespace = "default" }));

        Assert.Equal(Temporalio.Exceptions.RpcException.StatusCode.Unimplemented, refused.Code);
        Assert.Contains("UpdateWorkflowExecution", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_rpc_the_server_lacks_is_answered_unimplemented_naming_it()
    {
        await using var server = await TemporalTestServer.StartAsync(cancellationToken: Cancellation);
        var client = await TemporalClient.ConnectAsync(new(server.Address));

        var refused = await Assert.ThrowsAsync<Temporalio.Exceptions.RpcException>(() =>
            client.Connection.OperatorService.ListClustersAsync(new ListClustersRequest()));

        Assert.Equal(Temporalio.Exceptions.RpcException.StatusCode.Unimplemented, refused.Code);
        Assert.Contains("ListClusters", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_attribute_from_the_server_options_is_listed_and_queryable_from_the_start()
    {
        await using var server = await TemporalTestServer.StartAsync(new()
        {
            SearchAttributes = new Dictionary<string, IndexedValueType> { ["OrderId"] = IndexedValueType.Keyword },
        }, Cancellation);
        var client = await TemporalClient.ConnectAsync(new(server.Address));
        var taskQueue = NewTaskQueue();
        var orderId = $"order-{Guid.NewGuid():N}";
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var listed = await client.Connection.OperatorService.ListSearchAttributesAsync(new() { Namespace = "default" });
        var handle = await worker.ExecuteAsync(async () =>
        {
            var options = new WorkflowOptions(NewWorkflowId(), taskQueue)
            {
                TypedSearchAttributes = new SearchAttributeCollection.Builder()
                    .Set(SearchAttributeKey.CreateKeyword("OrderId"), orderId).ToSearchAttributeCollection(),
            };
            var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), options);
            await handle.SignalAsync(wf => wf.ApproveAsync("Ken"));
            await handle.GetResultAsync();
            return handle;
        }, Cancellation);

        Assert.Equal(IndexedValueType.Keyword, listed.CustomAttributes["OrderId"]);
        var found = await client.ListWorkflowsAsync($"OrderId = '{orderId}' AND ExecutionStatus = 'Completed'")
            .ToListAsync(Cancellation);
        Assert.Equal(handle.Id, Assert.Single(found).Id);
        await AssertReplaysAsync(handle);
    }

    [Fact]
    public async Task A_command_the_server_lacks_fails_the_workflow_task_as_a_disabled_feature_naming_the_command()
    {
        await using var server = await TemporalTestServer.StartAsync(cancellationToken: Cancellation);
        var client = await TemporalClient.ConnectAsync(new(server.Address));
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var handle = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((ChildStartingWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            await WaitForEventAsync(handle, e => e.EventType == EventType.WorkflowTaskFailed);
            await handle.TerminateAsync("test over");
            return handle;
        }, Cancellation);

        var failed = (await handle.FetchHistoryAsync()).Events.First(e => e.EventType == EventType.WorkflowTaskFailed);
        Assert.Equal(WorkflowTaskFailedCause.FeatureDisabled, failed.WorkflowTaskFailedEventAttributes.Cause);
        Assert.Contains("StartChildWorkflowExecution", failed.WorkflowTaskFailedEventAttributes.Failure.Message, StringComparison.Ordinal);
        await AssertReplaysAsync(handle);
    }
}
