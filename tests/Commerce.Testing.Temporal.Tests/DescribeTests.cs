using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Converters;
using static Commerce.Testing.Temporal.Tests.TestWorkers;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>What DescribeWorkflowExecution tells an operator about a running workflow: its activities, memo and history.</summary>
public sealed class DescribeTests(TemporalTargets targets) : IClassFixture<TemporalTargets>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_running_activity_is_described_with_its_attempt_last_failure_heartbeat_and_worker(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        var activities = new TestActivities();
        using var worker = NewWorker(client, taskQueue, activities);

        var (pending, afterwards, result) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((ProgressWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            var running = await WaitForDescriptionAsync(handle,
                d => d.PendingActivities.Count == 1 && d.PendingActivities[0].HeartbeatDetails is not null);
            activities.Finish();
            var result = await handle.GetResultAsync();
            return (running.PendingActivities[0], await DescribeRawAsync(handle), result);
        }, Cancellation);

        Assert.Equal(ProgressWorkflow.ActivityId, pending.ActivityId);
        Assert.Equal("ReportProgress", pending.ActivityType.Name);
        Assert.Equal(PendingActivityState.Started, pending.State);
        Assert.Equal(2, pending.Attempt);
        Assert.Equal(ProgressWorkflow.MaximumAttempts, pending.MaximumAttempts);
        Assert.Equal("attempt 1 fails on purpose", pending.LastFailure.Message);
        Assert.Equal("halfway", await DataConverter.Default.ToValueAsync<string>(pending.HeartbeatDetails.Payloads_[0]));
        Assert.Equal(client.Connection.Options.Identity, pending.LastWorkerIdentity);
        Assert.NotNull(pending.ScheduledTime);
        Assert.True(pending.LastStartedTime.ToDateTimeOffset() >= pending.ScheduledTime.ToDateTimeOffset());
        Assert.True(pending.LastHeartbeatTime.ToDateTimeOffset() >= pending.LastStartedTime.ToDateTimeOffset());
        Assert.Equal("finished on attempt 2", result);
        Assert.Empty(afterwards.PendingActivities);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task The_memo_is_described_as_the_workflow_upserted_it_with_the_history_length_and_size(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var (running, runningSize, runningEvents, closed, closedSize, closedEvents) = await worker.ExecuteAsync(async () =>
        {
            var options = new WorkflowOptions(NewWorkflowId(), taskQueue)
            {
                Memo = new Dictionary<string, object> { ["customer"] = "Ada", ["draft"] = "yes" },
            };
            var handle = await client.StartWorkflowAsync((MemoWorkflow wf) => wf.RunAsync(), options);
            await WaitForEventAsync(handle, e => e.EventType == EventType.WorkflowPropertiesModified);
            // Nothing happens until the signal: the history and the description stand still in between.
            var running = await handle.DescribeAsync();
            var runningSize = (await DescribeRawAsync(handle)).WorkflowExecutionInfo.HistorySizeBytes;
            var runningEvents = (await handle.FetchHistoryAsync()).Events.Count;
            await handle.SignalAsync(wf => wf.ReleaseAsync());
            await handle.GetResultAsync();
            var closedSize = (await DescribeRawAsync(handle)).WorkflowExecutionInfo.HistorySizeBytes;
            return (running, runningSize, runningEvents, await handle.DescribeAsync(), closedSize,
                (await handle.FetchHistoryAsync()).Events.Count);
        }, Cancellation);

        Assert.Equal(["customer", "stage"], running.Memo.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Ada", await running.Memo["customer"].ToValueAsync<string>());
        Assert.Equal("packing", await running.Memo["stage"].ToValueAsync<string>());
        Assert.Equal(runningEvents, running.HistoryLength);
        Assert.True(runningSize > 0, "a history of several events has no size");
        Assert.Equal(closedEvents, closed.HistoryLength);
        Assert.True(closedSize > runningSize, "the history grew but its size did not");
        Assert.Equal(closed.StartTime, closed.ExecutionTime);
    }
}
