using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Commerce.Testing.Temporal.Tests;

// Workflows for the server's own retries and backoffs: a workflow's retry policy, delayed starts, continue-as-new with a
// backoff, and an activity no worker picks up.

/// <summary>Fails until the given attempt, then reports what its runs had in common.</summary>
[Workflow]
public sealed class RetriedWorkflow
{
    [WorkflowRun]
    public Task<string> RunAsync(int succeedOnAttempt) => Workflow.Info.Attempt < succeedOnAttempt
        ? throw new ApplicationFailureException($"attempt {Workflow.Info.Attempt} fails on purpose", "Flaky")
        : Task.FromResult($"attempt {Workflow.Info.Attempt} of the chain from {Workflow.Info.FirstExecutionRunId}");
}

/// <summary>
/// Continues as new once, with a backoff and a retry policy of its own; the next run fails its first attempt and
/// succeeds on the retry that policy allows.
/// </summary>
[Workflow]
public sealed class BackoffContinueWorkflow
{
    public static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);

    public static readonly RetryPolicy NextRunRetries = new()
    {
        InitialInterval = TimeSpan.FromSeconds(1),
        BackoffCoefficient = 1,
        MaximumAttempts = 2,
    };

    [WorkflowRun]
    public Task<string> RunAsync(bool continued)
    {
        if (!continued)
        {
            throw Workflow.CreateContinueAsNewException((BackoffContinueWorkflow wf) => wf.RunAsync(true),
                new() { BackoffStartInterval = Backoff, RetryPolicy = NextRunRetries });
        }
        return Workflow.Info.Attempt == 1
            ? throw new ApplicationFailureException("the continued run's first attempt fails on purpose", "Flaky")
            : Task.FromResult($"continued run succeeded on attempt {Workflow.Info.Attempt}");
    }
}

/// <summary>Schedules an activity on a task queue no worker polls, and reports how it ended.</summary>
[Workflow]
public sealed class UnpolledActivityWorkflow
{
    public static readonly TimeSpan ScheduleToStart = TimeSpan.FromSeconds(1);

    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        try
        {
            await Workflow.ExecuteActivityAsync((TestActivities activities) => activities.Greet("nobody"),
                new()
                {
                    TaskQueue = $"unpolled-{Workflow.Info.WorkflowId}",
                    ScheduleToStartTimeout = ScheduleToStart,
                    StartToCloseTimeout = TimeSpan.FromSeconds(10),
                    // Attempts to spare: only a server that retried on schedule-to-start would use them.
                    RetryPolicy = new() { InitialInterval = TimeSpan.FromMilliseconds(100), MaximumAttempts = 3 },
                });
            return "the activity ran";
        }
        catch (ActivityFailureException e) when (e.InnerException is TimeoutFailureException timeout)
        {
            return $"{timeout.TimeoutType} timeout, retry state {e.RetryState}";
        }
    }
}
