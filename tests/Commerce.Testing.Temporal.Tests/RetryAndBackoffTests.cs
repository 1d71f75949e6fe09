using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;
using static Commerce.Testing.Temporal.Tests.TestWorkers;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>
/// Waits the server imposes itself: a failed workflow's retries, a delayed start, the backoff before a continued run, an
/// activity's schedule-to-start limit. Backoffs are a second each, so the tests stay short on a real server too; what is
/// checked of time is from the server's own event times and only ever a lower bound, which a slow machine cannot break.
/// </summary>
public sealed class RetryAndBackoffTests(TemporalTargets targets) : IClassFixture<TemporalTargets>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_failed_workflow_with_a_retry_policy_runs_again_after_its_backoff_and_the_result_follows_the_chain(
        ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        var options = new WorkflowOptions(NewWorkflowId(), taskQueue)
        {
            RetryPolicy = new() { InitialInterval = Second, BackoffCoefficient = 1, MaximumAttempts = 3 },
        };

        var (result, first) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((RetriedWorkflow wf) => wf.RunAsync(3), options);
            return (await handle.GetResultAsync(), handle);
        }, Cancellation);

        var firstRunId = first.ResultRunId!;
        Assert.Equal($"attempt 3 of the chain from {firstRunId}", result);
        var runs = await RunsOfTheChainAsync(client, first);
        Assert.Equal(3, runs.Count);
        for (var attempt = 1; attempt <= runs.Count; attempt++)
        {
            var started = runs[attempt - 1].Events[0].WorkflowExecutionStartedEventAttributes;
            Assert.Equal(attempt, started.Attempt);
            Assert.Equal(firstRunId, started.FirstExecutionRunId);
            if (attempt > 1)
            {
                Assert.Equal(ContinueAsNewInitiator.Retry, started.Initiator);
                Assert.Equal(runs[attempt - 2].RunId, started.ContinuedExecutionRunId);
                Assert.Equal($"attempt {attempt - 1} fails on purpose", started.ContinuedFailure.Message);
                Assert.Equal(Second, started.FirstWorkflowTaskBackoff.ToTimeSpan());
                AssertNoWorkflowTaskBefore(runs[attempt - 1].Events, Second);
            }
            if (attempt < runs.Count)
            {
                var failed = runs[attempt - 1].Events[^1].WorkflowExecutionFailedEventAttributes;
                Assert.Equal(RetryState.InProgress, failed.RetryState);
                Assert.Equal(runs[attempt].RunId, failed.NewExecutionRunId);
            }
        }
        await AssertReplaysAsync(client.GetWorkflowHandle(first.Id, runId: runs[^1].RunId));
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_workflow_that_keeps_failing_stops_when_its_retry_policy_has_no_attempts_left(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        var options = new WorkflowOptions(NewWorkflowId(), taskQueue)
        {
            RetryPolicy = new() { InitialInterval = Second, MaximumAttempts = 2 },
        };

        var (failure, first) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((RetriedWorkflow wf) => wf.RunAsync(int.MaxValue), options);
            return (await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync()), handle);
        }, Cancellation);

        Assert.Equal("attempt 2 fails on purpose", failure.InnerException?.Message);
        var runs = await RunsOfTheChainAsync(client, first);
        Assert.Equal(2, runs.Count);
        var lastFailed = runs[^1].Events[^1].WorkflowExecutionFailedEventAttributes;
        Assert.Equal(RetryState.MaximumAttemptsReached, lastFailed.RetryState);
        Assert.Equal("", lastFailed.NewExecutionRunId);
        Assert.Equal(WorkflowExecutionStatus.Failed, (await client.GetWorkflowHandle(first.Id).DescribeAsync()).Status);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_delayed_start_has_no_workflow_task_until_the_delay_has_passed(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        var options = new WorkflowOptions(NewWorkflowId(), taskQueue) { StartDelay = Second };

        var (result, handle) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((TimerWorkflow wf) => wf.RunAsync(TimeSpan.FromMilliseconds(10)), options);
            return (await handle.GetResultAsync(), handle);
        }, Cancellation);

        Assert.Equal("woke up", result);
        var events = (await handle.FetchHistoryAsync()).Events.ToList();
        var started = events[0];
        Assert.Equal(Second, started.WorkflowExecutionStartedEventAttributes.FirstWorkflowTaskBackoff.ToTimeSpan());
        AssertNoWorkflowTaskBefore(events, Second);
        var described = await handle.DescribeAsync();
        Assert.Equal(started.EventTime.ToDateTime() + Second, described.ExecutionTime);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_cancel_request_starts_a_delayed_workflow_at_once_so_it_can_cancel_itself(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());
        var options = new WorkflowOptions(NewWorkflowId(), taskQueue) { StartDelay = TimeSpan.FromHours(1) };

        var (failure, handle) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), options);
            await handle.CancelAsync();
            return (await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync()), handle);
        }, Cancellation);

        Assert.IsType<CanceledFailureException>(failure.InnerException);
        var events = (await handle.FetchHistoryAsync()).Events.ToList();
        Assert.Equal(EventType.WorkflowExecutionCancelRequested, events[1].EventType);
        Assert.Equal(EventType.WorkflowTaskScheduled, events[2].EventType);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task Continue_as_new_gives_the_next_run_its_backoff_and_the_retry_policy_the_workflow_chose(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var (result, first) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((BackoffContinueWorkflow wf) => wf.RunAsync(false),
                new(NewWorkflowId(), taskQueue));
            return (await handle.GetResultAsync(), handle);
        }, Cancellation);

        Assert.Equal("continued run succeeded on attempt 2", result);
        var runs = await RunsOfTheChainAsync(client, first);
        Assert.Equal(3, runs.Count);
        var continuedAsNew = runs[0].Events[^1].WorkflowExecutionContinuedAsNewEventAttributes;
        Assert.Equal(BackoffContinueWorkflow.Backoff, continuedAsNew.BackoffStartInterval.ToTimeSpan());
        var continued = runs[1].Events[0].WorkflowExecutionStartedEventAttributes;
        Assert.Equal(ContinueAsNewInitiator.Workflow, continued.Initiator);
        Assert.Equal(BackoffContinueWorkflow.Backoff, continued.FirstWorkflowTaskBackoff.ToTimeSpan());
        Assert.Equal(BackoffContinueWorkflow.NextRunRetries.MaximumAttempts, continued.RetryPolicy.MaximumAttempts);
        AssertNoWorkflowTaskBefore(runs[1].Events, BackoffContinueWorkflow.Backoff);
        Assert.Equal(RetryState.InProgress, runs[1].Events[^1].WorkflowExecutionFailedEventAttributes.RetryState);
        var retried = runs[2].Events[0].WorkflowExecutionStartedEventAttributes;
        Assert.Equal(ContinueAsNewInitiator.Retry, retried.Initiator);
        Assert.Equal(2, retried.Attempt);
        Assert.Equal(first.ResultRunId, retried.FirstExecutionRunId);
        await AssertReplaysAsync(client.GetWorkflowHandle(first.Id, runId: runs[1].RunId));
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task An_activity_no_worker_picks_up_times_out_schedule_to_start_and_is_not_retried(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var activities = new TestActivities();

        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, activities);
        var (result, handle) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((UnpolledActivityWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            // A server that never times the activity out would leave the workflow waiting for ever: this says so instead.
            var result = await handle.GetResultAsync().WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
            return (result, handle);
        }, Cancellation);

        // Retry state Timeout, not MaximumAttemptsReached: the two attempts left were never tried (a real server ends the
        // activity at its first schedule-to-start timeout, temporal service/history/workflow/mutable_state_impl.go).
        Assert.Equal($"{TimeoutType.ScheduleToStart} timeout, retry state {RetryState.Timeout}", result);
        Assert.Equal(0, activities.Attempts);
        var events = (await handle.FetchHistoryAsync()).Events.ToList();
        Assert.DoesNotContain(events, e => e.EventType == EventType.ActivityTaskStarted);
        var scheduled = Assert.Single(events, e => e.EventType == EventType.ActivityTaskScheduled);
        var timedOut = Assert.Single(events, e => e.EventType == EventType.ActivityTaskTimedOut);
        Assert.Equal(TimeoutType.ScheduleToStart, timedOut.ActivityTaskTimedOutEventAttributes.Failure.TimeoutFailureInfo.TimeoutType);
        Assert.True(timedOut.EventTime.ToDateTime() - scheduled.EventTime.ToDateTime() >= UnpolledActivityWorkflow.ScheduleToStart,
            "the activity timed out before its schedule-to-start timeout");
        await AssertReplaysAsync(handle);
    }

    /// <summary>The first workflow task is scheduled no sooner than <paramref name="backoff"/> after the run started.</summary>
    private static void AssertNoWorkflowTaskBefore(IReadOnlyList<HistoryEvent> events, TimeSpan backoff)
    {
        var started = events[0].EventTime.ToDateTime();
        var firstTask = events.First(e => e.EventType == EventType.WorkflowTaskScheduled).EventTime.ToDateTime();
        Assert.True(firstTask - started >= backoff, $"the first workflow task came {firstTask - started} after the start");
    }

    /// <summary>The histories of every run from <paramref name="first"/> on, each run naming the next in its close event.</summary>
    private static async Task<List<(string RunId, IReadOnlyList<HistoryEvent> Events)>> RunsOfTheChainAsync(
        TemporalClient client, WorkflowHandle first)
    {
        var runs = new List<(string RunId, IReadOnlyList<HistoryEvent> Events)>();
        var runId = first.ResultRunId;
        while (!string.IsNullOrEmpty(runId))
        {
            var events = (await client.GetWorkflowHandle(first.Id, runId: runId).FetchHistoryAsync()).Events.ToList();
            runs.Add((runId, events));
            var closed = events[^1];
            runId = closed.WorkflowExecutionFailedEventAttributes?.NewExecutionRunId
                ?? closed.WorkflowExecutionContinuedAsNewEventAttributes?.NewExecutionRunId;
        }
        return runs;
    }
}
