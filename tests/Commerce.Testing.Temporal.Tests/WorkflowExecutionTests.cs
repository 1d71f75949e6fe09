using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;
using static Commerce.Testing.Temporal.Tests.TestWorkers;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>
/// The real SDK client and worker running small workflows. Each test runs on the in-process server and, where there is
/// one, on a real server; every history is replayed through <see cref="WorkflowReplayer"/>, which fails on any history
/// the worker would not accept.
/// </summary>
public sealed class WorkflowExecutionTests(TemporalTargets targets) : IClassFixture<TemporalTargets>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_workflow_calling_one_activity_completes_with_its_result(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var activities = new TestActivities();

        var (result, handle) = await RunAsync(client, activities,
            (GreetingWorkflow wf) => wf.RunAsync("Ada"));

        Assert.Equal("Hello, Ada!", result);
        Assert.Equal(1, activities.Attempts);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_failing_activity_is_retried_with_backoff_until_it_succeeds(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var activities = new TestActivities { FailuresBeforeSuccess = 2 };
        var started = DateTime.UtcNow;

        var (result, handle) = await RunAsync(client, activities, (GreetingWorkflow wf) => wf.RunAsync("Grace"));

        Assert.Equal("Hello, Grace!", result);
        Assert.Equal(3, activities.Attempts);
        // Backoff 100 ms, then 200 ms.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(300), "retries came without their backoff");
        var history = await handle.FetchHistoryAsync();
        var activityStarted = Assert.Single(history.Events, e => e.EventType == EventType.ActivityTaskStarted);
        Assert.Equal(3, activityStarted.ActivityTaskStartedEventAttributes.Attempt);
        Assert.Equal("attempt 2 fails on purpose", activityStarted.ActivityTaskStartedEventAttributes.LastFailure.Message);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_non_retryable_activity_failure_fails_the_workflow_after_one_attempt(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var activities = new TestActivities { FailuresBeforeSuccess = int.MaxValue, FailNonRetryable = true };

        var (failure, handle) = await RunToFailureAsync(client, activities, (GreetingWorkflow wf) => wf.RunAsync("Alan"));

        var activityFailure = Assert.IsType<ActivityFailureException>(failure.InnerException);
        Assert.Equal(RetryState.NonRetryableFailure, activityFailure.RetryState);
        Assert.Equal("Flaky", Assert.IsType<ApplicationFailureException>(activityFailure.InnerException).ErrorType);
        Assert.Equal(1, activities.Attempts);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task An_activity_that_keeps_failing_fails_the_workflow_once_its_attempts_are_exhausted(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var activities = new TestActivities { FailuresBeforeSuccess = int.MaxValue };

        var (failure, handle) = await RunToFailureAsync(client, activities, (GreetingWorkflow wf) => wf.RunAsync("Edsger"));

        var activityFailure = Assert.IsType<ActivityFailureException>(failure.InnerException);
        Assert.Equal(RetryState.MaximumAttemptsReached, activityFailure.RetryState);
        Assert.Equal(GreetingWorkflow.FastRetries.MaximumAttempts, activities.Attempts);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_durable_timer_fires_and_the_workflow_carries_on(ServerKind server)
    {
        var client = await targets.ClientAsync(server);

        var (result, handle) = await RunAsync(client, new TestActivities(),
            (TimerWorkflow wf) => wf.RunAsync(TimeSpan.FromMilliseconds(500)));

        Assert.Equal("woke up", result);
        var history = await handle.FetchHistoryAsync();
        Assert.Contains(history.Events, e => e.EventType == EventType.TimerFired);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_signal_reaches_a_waiting_workflow_and_queries_answer_before_and_after_it_closes(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var handle = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(),
                new(NewWorkflowId(), taskQueue));
            Assert.Equal("waiting", await handle.QueryAsync(wf => wf.Progress));

            await handle.SignalAsync(wf => wf.ApproveAsync("Barbara"));

            Assert.Equal("approved by Barbara", await handle.GetResultAsync());
            return handle;
        }, Cancellation);

        // Closed, and no worker left: the query is answered when a worker replays the history.
        using var replayingWorker = NewWorker(client, taskQueue, new TestActivities());
        var progress = await replayingWorker.ExecuteAsync(() => handle.QueryAsync(wf => wf.Progress), Cancellation);
        Assert.Equal("approved by Barbara", progress);
        await AssertReplaysAsync(handle);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_query_the_worker_fails_reaches_the_client_as_a_query_failure_and_the_workflow_goes_on(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, new TestActivities());

        var (unknown, throwing, result) = await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), new(NewWorkflowId(), taskQueue));
            Assert.Equal("waiting", await handle.QueryAsync(wf => wf.Progress));
            var unknown = await Assert.ThrowsAsync<WorkflowQueryFailedException>(
                () => handle.QueryAsync<string>("NoSuchQuery", []));
            var throwing = await Assert.ThrowsAsync<WorkflowQueryFailedException>(() => handle.QueryAsync(wf => wf.Audit));
            await handle.SignalAsync(wf => wf.ApproveAsync("Hedy"));
            return (unknown, throwing, await handle.GetResultAsync());
        }, Cancellation);

        Assert.Contains("NoSuchQuery", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("the audit query fails on purpose", throwing.Message, StringComparison.Ordinal);
        Assert.Equal("approved by Hedy", result);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task Starting_a_workflow_id_that_is_already_running_is_refused_as_already_started(ServerKind server)
    {
        var client = await targets.ClientAsync(server);
        var taskQueue = NewTaskQueue();
        var options = new WorkflowOptions(NewWorkflowId(), taskQueue);
        // No worker: the first run stays running.
        var first = await client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), options);

        var refused = await Assert.ThrowsAsync<WorkflowAlreadyStartedException>(
            () => client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(), options));

        Assert.Equal(first.ResultRunId, refused.RunId);
        await first.TerminateAsync("test over");
    }
}
