using Microsoft.Extensions.Time.Testing;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
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
    public async Task An_rpc_the_server_lacks_is_answered_unimplemented_naming_it()
    {
        await using var server = await TemporalTestServer.StartAsync(cancellationToken: Cancellation);
        var client = await TemporalClient.ConnectAsync(new(server.Address));

        var refused = await Assert.ThrowsAsync<Temporalio.Exceptions.RpcException>(() =>
            client.WorkflowService.ListWorkflowExecutionsAsync(new ListWorkflowExecutionsRequest { Namespace = "default" }));

        Assert.Equal(Temporalio.Exceptions.RpcException.StatusCode.Unimplemented, refused.Code);
        Assert.Contains("ListWorkflowExecutions", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_the_server_lacks_fails_the_workflow_task_with_the_reason_in_history()
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
        Assert.Contains("StartChildWorkflowExecution", failed.WorkflowTaskFailedEventAttributes.Failure.Message, StringComparison.Ordinal);
        await AssertReplaysAsync(handle);
    }
}
