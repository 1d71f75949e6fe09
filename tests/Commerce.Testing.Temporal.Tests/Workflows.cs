using Temporalio.Activities;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Commerce.Testing.Temporal.Tests;

// Small workflows written to exercise one server feature each.

/// <summary>Activities whose behaviour each test chooses; one instance per test, so attempts are counted per test.</summary>
public sealed class TestActivities
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attempts;

    /// <summary>Attempts that fail before one succeeds.</summary>
    public int FailuresBeforeSuccess { get; init; }

    /// <summary>Whether failures are marked non-retryable.</summary>
    public bool FailNonRetryable { get; init; }

    public int Attempts => _attempts;

    [Activity]
    public string Greet(string name)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt <= FailuresBeforeSuccess)
        {
            throw new ApplicationFailureException($"attempt {attempt} fails on purpose", "Flaky",
                nonRetryable: FailNonRetryable);
        }
        return $"Hello, {name}!";
    }

    /// <summary>The first attempt outlives its start-to-close timeout; later ones answer at once.</summary>
    [Activity]
    public async Task<string> SlowFirstAttemptAsync()
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt == 1)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ActivityExecutionContext.Current.CancellationToken);
        }
        return $"answered on attempt {attempt}";
    }

    /// <summary>The first attempt fails; the second heartbeats its progress and waits until <see cref="Finish"/>.</summary>
    [Activity]
    public async Task<string> ReportProgressAsync()
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt == 1)
        {
            throw new ApplicationFailureException("attempt 1 fails on purpose", "Flaky");
        }
        var context = ActivityExecutionContext.Current;
        context.Heartbeat("halfway");
        await _finished.Task.WaitAsync(context.CancellationToken);
        return $"finished on attempt {attempt}";
    }

    /// <summary>Lets a waiting <see cref="ReportProgressAsync"/> finish.</summary>
    public void Finish() => _finished.TrySetResult();

    /// <summary>Heartbeats until it is cancelled.</summary>
    [Activity]
    public async Task HeartbeatUntilCancelledAsync()
    {
        var context = ActivityExecutionContext.Current;
        while (true)
        {
            context.Heartbeat();
            await Task.Delay(TimeSpan.FromMilliseconds(100), context.CancellationToken);
        }
    }
}

[Workflow]
public sealed class GreetingWorkflow
{
    /// <summary>Retry policy for the activity, short so retries happen within a test.</summary>
    public static readonly RetryPolicy FastRetries = new()
    {
        InitialInterval = TimeSpan.FromMilliseconds(100),
        BackoffCoefficient = 2,
        MaximumAttempts = 3,
    };

    [WorkflowRun]
    public Task<string> RunAsync(string name) =>
        Workflow.ExecuteActivityAsync((TestActivities activities) => activities.Greet(name),
            new() { StartToCloseTimeout = TimeSpan.FromSeconds(10), RetryPolicy = FastRetries });
}

[Workflow]
public sealed class TimerWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(TimeSpan delay)
    {
        await Workflow.DelayAsync(delay);
        return "woke up";
    }
}

/// <summary>Waits for a signal; a query reports what it has seen so far.</summary>
[Workflow]
public sealed class ApprovalWorkflow
{
    private string? _approvedBy;

    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        await Workflow.WaitConditionAsync(() => _approvedBy is not null);
        return $"approved by {_approvedBy}";
    }

    [WorkflowSignal]
    public Task ApproveAsync(string approver)
    {
        _approvedBy = approver;
        return Task.CompletedTask;
    }

    [WorkflowQuery]
    public string Progress => _approvedBy is null ? "waiting" : $"approved by {_approvedBy}";

    /// <summary>A query whose handler fails, as a bug in one would.</summary>
    [WorkflowQuery]
    public string Audit => throw new InvalidOperationException("the audit query fails on purpose");
}

[Workflow]
public sealed class SlowActivityWorkflow
{
    [WorkflowRun]
    public Task<string> RunAsync() =>
        Workflow.ExecuteActivityAsync((TestActivities activities) => activities.SlowFirstAttemptAsync(),
            new()
            {
                StartToCloseTimeout = TimeSpan.FromMilliseconds(500),
                RetryPolicy = new() { InitialInterval = TimeSpan.FromMilliseconds(100), MaximumAttempts = 3 },
            });
}

/// <summary>Starts a heartbeating activity, then cancels it once the workflow's timer fires.</summary>
[Workflow]
public sealed class CancelActivityWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken);
        var activity = Workflow.ExecuteActivityAsync((TestActivities activities) => activities.HeartbeatUntilCancelledAsync(),
            new()
            {
                StartToCloseTimeout = TimeSpan.FromSeconds(30),
                HeartbeatTimeout = TimeSpan.FromSeconds(2),
                CancellationToken = cancel.Token,
                CancellationType = ActivityCancellationType.WaitCancellationCompleted,
            });
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(500));
        // Cancel, not CancelAsync: the latter runs callbacks on the thread pool, which workflow code must not use.
        cancel.Cancel();
        try
        {
            await activity;
            return "activity finished";
        }
        catch (ActivityFailureException e) when (e.InnerException is CanceledFailureException)
        {
            return "activity cancelled";
        }
    }
}

/// <summary>Continues as new until its counter reaches zero.</summary>
[Workflow]
public sealed class CountdownWorkflow
{
    [WorkflowRun]
    public Task<string> RunAsync(int remaining) => remaining > 0
        ? throw Workflow.CreateContinueAsNewException((CountdownWorkflow wf) => wf.RunAsync(remaining - 1))
        : Task.FromResult("lift-off");
}

/// <summary>New code behind a patch, as a deployed workflow changes.</summary>
[Workflow]
public sealed class PatchedWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(10));
        return Workflow.Patched("greet-politely") ? "Good day" : "Hi";
    }
}

/// <summary>Asks for a child workflow, a command the in-process server does not support yet.</summary>
[Workflow]
public sealed class ChildStartingWorkflow
{
    [WorkflowRun]
    public Task<string> RunAsync() =>
        Workflow.ExecuteChildWorkflowAsync((GreetingWorkflow wf) => wf.RunAsync("child"));
}

/// <summary>Tags itself with a keyword search attribute, then waits for a signal to finish.</summary>
[Workflow]
public sealed class TaggedWorkflow
{
    private bool _released;

    [WorkflowRun]
    public async Task<string> RunAsync(string attribute, string value)
    {
        Workflow.UpsertTypedSearchAttributes(SearchAttributeKey.CreateKeyword(attribute).ValueSet(value));
        await Workflow.WaitConditionAsync(() => _released);
        return value;
    }

    [WorkflowSignal]
    public Task ReleaseAsync()
    {
        _released = true;
        return Task.CompletedTask;
    }
}

/// <summary>Reports the priority it was started with, as the workflow sees it.</summary>
[Workflow]
public sealed class PriorityWorkflow
{
    [WorkflowRun]
    public Task<int?> RunAsync() => Task.FromResult(Workflow.Info.Priority.PriorityKey);
}
