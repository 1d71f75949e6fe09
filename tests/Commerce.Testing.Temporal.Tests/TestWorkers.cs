using System.Linq.Expressions;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;
using Temporalio.Workflows;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>Workers, runs and replays for the tests: each test gets its own task queue and workflow ids.</summary>
internal static class TestWorkers
{
    private static readonly Type[] Workflows =
    [
        typeof(GreetingWorkflow), typeof(TimerWorkflow), typeof(ApprovalWorkflow), typeof(SlowActivityWorkflow),
        typeof(CancelActivityWorkflow), typeof(CountdownWorkflow), typeof(PatchedWorkflow), typeof(ChildStartingWorkflow),
        typeof(TaggedWorkflow), typeof(ScheduleToCloseWorkflow), typeof(HeartbeatTimeoutWorkflow),
        typeof(TimerCancelWorkflow), typeof(CollectingWorkflow), typeof(ProgressWorkflow), typeof(MemoWorkflow),
        typeof(RetriedWorkflow), typeof(BackoffContinueWorkflow), typeof(UnpolledActivityWorkflow),
        typeof(PriorityWorkflow),
    ];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static string NewTaskQueue() => $"tq-{Guid.NewGuid():N}";

    public static string NewWorkflowId() => $"wf-{Guid.NewGuid():N}";

    public static TemporalWorker NewWorker(TemporalClient client, string taskQueue, TestActivities activities,
        TimeoutActivities? timeoutActivities = null)
    {
        var options = new TemporalWorkerOptions(taskQueue).AddAllActivities(activities)
            .AddAllActivities(timeoutActivities ?? new TimeoutActivities());
        foreach (var workflow in Workflows)
        {
            options.Workflows.Add(WorkflowDefinition.Create(workflow));
        }
        return new TemporalWorker(client, options);
    }

    /// <summary>Starts the workflow on a fresh task queue with its own worker and waits for its result.</summary>
    public static async Task<(TResult Result, WorkflowHandle Handle)> RunAsync<TWorkflow, TResult>(
        TemporalClient client, TestActivities activities, Expression<Func<TWorkflow, Task<TResult>>> run)
    {
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, activities);
        return await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync(run, new(NewWorkflowId(), taskQueue));
            return (await handle.GetResultAsync(), (WorkflowHandle)handle);
        }, Cancellation);
    }

    /// <summary>As <see cref="RunAsync{TWorkflow, TResult}"/>, for a workflow that must fail.</summary>
    public static async Task<(WorkflowFailedException Failure, WorkflowHandle Handle)> RunToFailureAsync<TWorkflow, TResult>(
        TemporalClient client, TestActivities activities, Expression<Func<TWorkflow, Task<TResult>>> run)
    {
        var taskQueue = NewTaskQueue();
        using var worker = NewWorker(client, taskQueue, activities);
        return await worker.ExecuteAsync(async () =>
        {
            var handle = await client.StartWorkflowAsync(run, new(NewWorkflowId(), taskQueue));
            var failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync());
            return (failure, (WorkflowHandle)handle);
        }, Cancellation);
    }

    /// <summary>The worker must accept the history as its own on replay: the server wrote nothing it would reject.</summary>
    public static async Task AssertReplaysAsync(WorkflowHandle handle)
    {
        var history = await handle.FetchHistoryAsync();
        var options = new WorkflowReplayerOptions();
        foreach (var workflow in Workflows)
        {
            options.Workflows.Add(WorkflowDefinition.Create(workflow));
        }
        var replay = await new WorkflowReplayer(options).ReplayWorkflowAsync(history, throwOnReplayFailure: false);
        Assert.Null(replay.ReplayFailure);
    }

    /// <summary>Waits until DescribeWorkflowExecution answers what <paramref name="match"/> accepts; returns that answer.</summary>
    public static async Task<Temporalio.Api.WorkflowService.V1.DescribeWorkflowExecutionResponse> WaitForDescriptionAsync(
        WorkflowHandle handle, Func<Temporalio.Api.WorkflowService.V1.DescribeWorkflowExecutionResponse, bool> match)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var description = await DescribeRawAsync(handle);
            if (match(description))
            {
                return description;
            }
            Assert.True(DateTime.UtcNow < giveUp, "the awaited description never came");
            await Task.Delay(50, Cancellation);
        }
    }

    /// <summary>
    /// DescribeWorkflowExecution's whole answer (the SDK's <c>DescribeAsync</c> keeps parts of it, such as the pending
    /// activities, to itself).
    /// </summary>
    public static Task<Temporalio.Api.WorkflowService.V1.DescribeWorkflowExecutionResponse> DescribeRawAsync(WorkflowHandle handle) =>
        handle.Client.WorkflowService.DescribeWorkflowExecutionAsync(new()
        {
            Namespace = handle.Client.Options.Namespace,
            Execution = new() { WorkflowId = handle.Id, RunId = handle.RunId ?? "" },
        });

    /// <summary>Waits until the workflow's history holds an event that <paramref name="match"/> accepts.</summary>
    public static async Task WaitForEventAsync(WorkflowHandle handle, Func<Temporalio.Api.History.V1.HistoryEvent, bool> match)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await handle.FetchHistoryAsync()).Events.Any(match))
        {
            Assert.True(DateTime.UtcNow < giveUp, "the awaited history event never came");
            await Task.Delay(50, Cancellation);
        }
    }
}
