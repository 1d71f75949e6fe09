using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using static Commerce.Testing.Temporal.Tests.TestWorkers;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>Starting, signalling, cancelling, terminating and continuing workflows; activity timeouts and cancellation.</summary>
public sealed class WorkflowLifecycleTests(TemporalTargets targets) : IClassFixture<TemporalTargets>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task An_activity_attempt_that_outlives_its_start_to_close_timeout_is_retried(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var activities = new TestActivities();

        var (result, handle) = await RunAsync(client, activities, (SlowActivityWorkflow wf) => wf.RunAsync());

        Assert.Equal("answered on attempt 2", result);
        var started = Assert.Single((await handle.FetchHistoryAsync()).Events, e => e.EventType == EventType.ActivityTaskStarted);
        Assert.Equal(TimeoutType.StartToClose, started.ActivityTaskStartedEventAttributes.LastFailure.TimeoutFailureInfo.TimeoutType);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_heartbeating_activity_learns_it_was_cancelled_and_the_workflow_sees_the_cancellation(ServerKind server)
    {
        var client = await targets.ClientAsync(server);

        var (result, handle) = await RunAsync(client, new TestActivities(), (CancelActivityWorkflow wf) => wf.RunAsync());

        Assert.Equal("activity cancelled", result);
        var events = (await handle.FetchHistoryAsync()).Events;
        Assert.Contains(events, e => e.EventType == EventType.ActivityTaskCancelRequested);
        Assert.Contains(events, e => e.EventType == EventType.ActivityTaskCanceled);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task Signal_with_start_starts_the_workflow_with_the_signal_already_delivered(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var (result, handle) = await worker.ExecuteAsync(async () =>
        {
            var options = new WorkflowOptions(NewWorkflowId(), taskQueue);
            options.SignalWithStart((ApprovalWorkflow wf) => wf.ApproveAsync("Ken"));
            var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), options);
            return (await handle.GetResultAsync(), handle);
        }, Cancellation);

        Assert.Equal("approved by Ken", result);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_cancelled_workflow_ends_as_cancelled(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var (failure, handle) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            Assert.Equal("waiting", await handle.QueryAsync(wf => wf.Progress));
            await handle.CancelAsync();
            return (await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync()), handle);
        }, Cancellation);

        Assert.IsType<CanceledFailureException>(failure.InnerException);
        Assert.Equal(WorkflowExecutionStatus.Canceled, (await handle.DescribeAsync()).Status);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task Cancelling_a_workflow_that_already_completed_succeeds_and_changes_nothing(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        var handle = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            await handle.SignalAsync(wf => wf.ApproveAsync("Lynn"));
            await handle.GetResultAsync();
            return handle;
        }, Cancellation);
        var before = (await handle.FetchHistoryAsync()).Events.Count;

        // As the client's handle asks (the first run's id), and naming the run itself.
        await handle.CancelAsync();
        await client.GetWorkflowHandle(handle.Id, runId: handle.ResultRunId).CancelAsync();

        Assert.Equal(WorkflowExecutionStatus.Completed, (await handle.DescribeAsync()).Status);
        var events = (await handle.FetchHistoryAsync()).Events;
        Assert.Equal(before, events.Count);
        Assert.DoesNotContain(events, e => e.EventType == EventType.WorkflowExecutionCancelRequested);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task The_start_priority_is_on_the_started_event_and_in_the_workflow_info(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        var options = new WorkflowOptions(NewWorkflowId(), taskQueue) { Priority = new(priorityKey: 2) };

        var (result, handle) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((PriorityWorkflow wf) => wf.RunAsync(), options);
            return (await handle.GetResultAsync(), handle);
        }, Cancellation);

        Assert.Equal(2, result);
        var started = (await handle.FetchHistoryAsync()).Events.First().WorkflowExecutionStartedEventAttributes;
        Assert.Equal(2, started.Priority.PriorityKey);
        Assert.Equal(2, (await DescribeRawAsync(handle)).WorkflowExecutionInfo.Priority.PriorityKey);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_terminated_workflow_ends_at_once_with_the_reason(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var (failure, handle) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            Assert.Equal("waiting", await handle.QueryAsync(wf => wf.Progress));
            await handle.TerminateAsync("operator says stop");
            return (await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync()), handle);
        }, Cancellation);

        var terminated = Assert.IsType<TerminatedFailureException>(failure.InnerException);
        Assert.Equal("operator says stop", terminated.Message);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_workflow_that_continues_as_new_runs_on_in_a_new_run_until_it_returns(ServerKind server)
    {
        var client = await targets.ClientAsync(server);

        var (result, handle) = await RunAsync(client, new TestActivities(), (CountdownWorkflow wf) => wf.RunAsync(2));

        Assert.Equal("lift-off", result);
        var first = client.GetWorkflowHandle(handle.Id, runId: handle.ResultRunId);
        var firstEvents = (await first.FetchHistoryAsync()).Events;
        Assert.Equal(EventType.WorkflowExecutionContinuedAsNew, firstEvents.Last().EventType);
        Assert.NotEqual(handle.ResultRunId, (await client.GetWorkflowHandle(handle.Id).DescribeAsync()).RunId);
        await AssertReplaysAsync(first);
        await AssertReplaysAsync(client.GetWorkflowHandle(handle.Id));
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_patched_workflow_takes_the_new_path_and_its_marker_replays(ServerKind server)
    {
        var client = await targets.ClientAsync(server);

        var (result, handle) = await RunAsync(client, new TestActivities(), (PatchedWorkflow wf) => wf.RunAsync());

        Assert.Equal("Good day", result);
        Assert.Contains((await handle.FetchHistoryAsync()).Events, e => e.EventType == EventType.MarkerRecorded);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_workflow_left_by_a_stopped_worker_is_finished_by_a_new_one(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        WorkflowHandle<ApprovalWorkflow, string> handle;
        using (var first = NewWorker(client, taskQueue, new TestActivities()))
        {
            handle = await first.ExecuteAsync(async () =>
            {
                var started = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
                Assert.Equal("waiting", await started.QueryAsync(wf => wf.Progress));
                return started;
            }, Cancellation);
        }

        await handle.SignalAsync(wf => wf.ApproveAsync("Frances"));
        using var second = NewWorker(client, taskQueue, new TestActivities());
        var result = await second.ExecuteAsync(() => handle.GetResultAsync(), Cancellation);

        Assert.Equal("approved by Frances", result);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task The_id_policies_decide_whether_a_workflow_id_may_be_used_again(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        await worker.ExecuteAsync(async () =>
        {
            var id = NewWorkflowId();
            var running = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), new(id, taskQueue));

            var existing = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(),
                new(id, taskQueue) { IdConflictPolicy = WorkflowIdConflictPolicy.UseExisting });
            Assert.Equal(running.ResultRunId, existing.ResultRunId);

            var replacement = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(),
                new(id, taskQueue) { IdConflictPolicy = WorkflowIdConflictPolicy.TerminateExisting });
            Assert.NotEqual(running.ResultRunId, replacement.ResultRunId);
            Assert.Equal(WorkflowExecutionStatus.Terminated,
                (await client.GetWorkflowHandle(id, runId: running.ResultRunId).DescribeAsync()).Status);

            await replacement.SignalAsync(wf => wf.ApproveAsync("Radia"));
            await replacement.GetResultAsync();
            await Assert.ThrowsAsync<WorkflowAlreadyStartedException>(() => client.StartWorkflowAsync(
                (ApprovalWorkflow wf) => wf.RunAsync(),
                new(id, taskQueue) { IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate }));
            await Assert.ThrowsAsync<WorkflowAlreadyStartedException>(() => client.StartWorkflowAsync(
                (ApprovalWorkflow wf) => wf.RunAsync(),
                new(id, taskQueue) { IdReusePolicy = WorkflowIdReusePolicy.AllowDuplicateFailedOnly }));

            var again = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(),
                new(id, taskQueue) { IdReusePolicy = WorkflowIdReusePolicy.AllowDuplicate });
            await again.TerminateAsync("failed on purpose");
            var afterFailure = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(),
                new(id, taskQueue) { IdReusePolicy = WorkflowIdReusePolicy.AllowDuplicateFailedOnly });
            Assert.NotEqual(again.ResultRunId, afterFailure.ResultRunId);
            await afterFailure.TerminateAsync("test over");
            await AssertReplaysAsync(client.GetWorkflowHandle(id, runId: replacement.ResultRunId));
        }, Cancellation);
    }
}
