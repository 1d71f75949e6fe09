using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;
using static Commerce.Testing.Temporal.Tests.TestWorkers;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>
/// Schedule-to-close and heartbeat timeouts, timer cancellation, signals buffered behind in-flight workflow tasks and the
/// history long poll, with the real SDK client and worker; every history is replayed through <see cref="WorkflowReplayer"/>.
/// </summary>
public sealed class TimeoutAndSignalTests(TemporalTargets targets) : IClassFixture<TemporalTargets>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task Retries_stop_when_the_schedule_to_close_timeout_passes_and_the_workflow_sees_that_timeout(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var activities = new TimeoutActivities();

        var (failure, handle) = await RunToFailureAsync(client, activities, (ScheduleToCloseWorkflow wf) => wf.RunAsync());

        var activityFailure = Assert.IsType<ActivityFailureException>(failure.InnerException);
        Assert.Equal(RetryState.Timeout, activityFailure.RetryState);
        var timeout = Assert.IsType<TimeoutFailureException>(activityFailure.InnerException);
        Assert.Equal(TimeoutType.ScheduleToClose, timeout.TimeoutType);
        // Two quick failures, then the third attempt hangs until the deadline ends it: no attempt after that.
        Assert.Equal(3, activities.Attempts);
        var events = (await handle.FetchHistoryAsync()).Events;
        var timedOut = Assert.Single(events, e => e.EventType == EventType.ActivityTaskTimedOut);
        Assert.Equal(TimeoutType.ScheduleToClose, timedOut.ActivityTaskTimedOutEventAttributes.Failure.TimeoutFailureInfo.TimeoutType);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task An_activity_that_stops_heartbeating_times_out_and_is_retried(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var activities = new TimeoutActivities();

        var (result, handle) = await RunAsync(client, activities, (HeartbeatTimeoutWorkflow wf) => wf.RunAsync(3));

        Assert.Equal("answered on attempt 2", result);
        var started = Assert.Single((await handle.FetchHistoryAsync()).Events, e => e.EventType == EventType.ActivityTaskStarted);
        Assert.Equal(2, started.ActivityTaskStartedEventAttributes.Attempt);
        Assert.Equal(TimeoutType.Heartbeat, started.ActivityTaskStartedEventAttributes.LastFailure.TimeoutFailureInfo.TimeoutType);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task An_activity_that_stops_heartbeating_with_no_attempts_left_fails_the_workflow_with_a_heartbeat_timeout(
        ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var activities = new TimeoutActivities();

        var (failure, handle) = await RunToFailureAsync(client, activities, (HeartbeatTimeoutWorkflow wf) => wf.RunAsync(1));

        var activityFailure = Assert.IsType<ActivityFailureException>(failure.InnerException);
        Assert.Equal(RetryState.MaximumAttemptsReached, activityFailure.RetryState);
        var timeout = Assert.IsType<TimeoutFailureException>(activityFailure.InnerException);
        Assert.Equal(TimeoutType.Heartbeat, timeout.TimeoutType);
        Assert.Equal(1, activities.Attempts);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_workflow_that_cancels_a_timer_completes_and_the_history_shows_the_timer_cancelled(ServerKind server)
    {
        var client = await targets.ClientAsync(server);

        var (result, handle) = await RunAsync(client, new TimeoutActivities(), (TimerCancelWorkflow wf) => wf.RunAsync());

        Assert.Equal("long timer cancelled", result);
        var events = (await handle.FetchHistoryAsync()).Events;
        Assert.Single(events, e => e.EventType == EventType.TimerFired);
        Assert.Single(events, e => e.EventType == EventType.TimerCanceled);
        Assert.Equal(EventType.WorkflowExecutionCompleted, events.Last().EventType);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task Signals_sent_in_a_burst_while_workflow_tasks_are_in_flight_all_arrive_in_order(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        var sent = Enumerable.Range(1, 20).Select(i => $"item {i}").ToList();

        var (received, handle) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((CollectingWorkflow wf) => wf.RunAsync(sent.Count),
                new(NewWorkflowId(), taskQueue));
            // Sent at once after the start, so most land while the first workflow tasks are being worked on.
            foreach (var item in sent)
            {
                await handle.SignalAsync(wf => wf.AddAsync(item));
            }
            return (await handle.GetResultAsync(), handle);
        }, Cancellation);

        Assert.Equal(sent, received);
        var signalled = (await handle.FetchHistoryAsync()).Events.Where(e => e.EventType == EventType.WorkflowExecutionSignaled);
        Assert.Equal(sent.Count, signalled.Count());
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_history_long_poll_for_the_close_event_returns_when_the_workflow_closes(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var (closeEvents, handle) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            Assert.Equal("waiting", await handle.QueryAsync(wf => wf.Progress));
            var poll = PollForCloseEventAsync(client, handle);
            await Task.Delay(TimeSpan.FromMilliseconds(500), Cancellation);
            Assert.False(poll.IsCompleted, "the long poll answered before the workflow closed");

            await handle.SignalAsync(wf => wf.ApproveAsync("Margaret"));

            return (await poll, handle);
        }, Cancellation);

        var closed = Assert.Single(closeEvents);
        Assert.Equal(EventType.WorkflowExecutionCompleted, closed.EventType);
        var all = (await handle.FetchHistoryAsync()).Events;
        Assert.Equal(all.Last().EventId, closed.EventId);
        await AssertReplaysAsync(handle);
    }

    /// <summary>GetWorkflowExecutionHistory straight on the service, waiting for the close event; an empty answer (the
    /// server's long poll ran out) is asked again with its page token.</summary>
    private static async Task<List<Temporalio.Api.History.V1.HistoryEvent>> PollForCloseEventAsync(
        TemporalClient client, WorkflowHandle handle)
    {
        var request = new GetWorkflowExecutionHistoryRequest
        {
            Namespace = client.Options.Namespace,
            Execution = new() { WorkflowId = handle.Id, RunId = handle.ResultRunId ?? "" },
            WaitNewEvent = true,
            HistoryEventFilterType = HistoryEventFilterType.CloseEvent,
        };
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = await client.Connection.WorkflowService.GetWorkflowExecutionHistoryAsync(request,
                new() { CancellationToken = Cancellation });
            if (response.History?.Events.Count > 0)
            {
                return [.. response.History.Events];
            }
            Assert.True(DateTime.UtcNow < giveUp, "the close event never came");
            request.NextPageToken = response.NextPageToken;
        }
    }

    private static async Task<(TResult Result, WorkflowHandle Handle)> RunAsync<TWorkflow, TResult>(
        TemporalClient client, TimeoutActivities activities, System.Linq.Expressions.Expression<Func<TWorkflow, Task<TResult>>> run)
    {
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities(), activities);
        return await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync(run, new(NewWorkflowId(), taskQueue));
            return (await handle.GetResultAsync(), (WorkflowHandle)handle);
        }, Cancellation);
    }

    private static async Task<(WorkflowFailedException Failure, WorkflowHandle Handle)> RunToFailureAsync<TWorkflow, TResult>(
        TemporalClient client, TimeoutActivities activities, System.Linq.Expressions.Expression<Func<TWorkflow, Task<TResult>>> run)
    {
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities(), activities);
        return await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync(run, new(NewWorkflowId(), taskQueue));
            var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync());
            return (failure, (WorkflowHandle)handle);
        }, Cancellation);
    }
}
