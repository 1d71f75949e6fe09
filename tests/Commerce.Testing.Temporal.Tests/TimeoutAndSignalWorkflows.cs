using Temporalio.Activities;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Commerce.Testing.Temporal.Tests;

// Workflows and activities for schedule-to-close and heartbeat timeouts, timer cancellation and signal bursts.

/// <summary>Activities that fail, hang or stop heartbeating on purpose; one instance per test.</summary>
public sealed class TimeoutActivities
{
    private int _attempts;

    public int Attempts => _attempts;

    /// <summary>The first two attempts fail at once; later ones hang until cancelled.</summary>
    [Activity]
    public async Task<string> FailTwiceThenHangAsync()
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt <= 2)
        {
            throw new ApplicationFailureException($"attempt {attempt} fails on purpose", "Flaky");
        }
        await Task.Delay(TimeSpan.FromSeconds(10), ActivityExecutionContext.Current.CancellationToken);
        return $"answered on attempt {attempt}";
    }

    /// <summary>The first attempt heartbeats once and then goes silent; later ones answer at once.</summary>
    [Activity]
    public async Task<string> StopHeartbeatingOnFirstAttemptAsync()
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt == 1)
        {
            var context = ActivityExecutionContext.Current;
            context.Heartbeat("alive once");
            await Task.Delay(TimeSpan.FromSeconds(5), context.CancellationToken);
        }
        return $"answered on attempt {attempt}";
    }
}

/// <summary>Retries an activity without limit of attempts until its schedule-to-close timeout ends them.</summary>
[Workflow]
public sealed class ScheduleToCloseWorkflow
{
    [WorkflowRun]
    public Task<string> RunAsync() =>
        Workflow.ExecuteActivityAsync((TimeoutActivities activities) => activities.FailTwiceThenHangAsync(),
            new()
            {
                ScheduleToCloseTimeout = TimeSpan.FromSeconds(2),
                StartToCloseTimeout = TimeSpan.FromSeconds(10),
                RetryPolicy = new() { InitialInterval = TimeSpan.FromMilliseconds(100), BackoffCoefficient = 1 },
            });
}

/// <summary>Runs an activity whose first attempt stops heartbeating, with the given number of attempts allowed.</summary>
[Workflow]
public sealed class HeartbeatTimeoutWorkflow
{
    [WorkflowRun]
    public Task<string> RunAsync(int maximumAttempts) =>
        Workflow.ExecuteActivityAsync((TimeoutActivities activities) => activities.StopHeartbeatingOnFirstAttemptAsync(),
            new()
            {
                StartToCloseTimeout = TimeSpan.FromSeconds(10),
                HeartbeatTimeout = TimeSpan.FromMilliseconds(500),
                RetryPolicy = new() { InitialInterval = TimeSpan.FromMilliseconds(100), MaximumAttempts = maximumAttempts },
            });
}

/// <summary>Starts a long timer, then cancels it once a short one fires, and completes.</summary>
[Workflow]
public sealed class TimerCancelWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        using var cancel = new CancellationTokenSource();
        var longTimer = Workflow.DelayAsync(TimeSpan.FromHours(1), cancel.Token);
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(200));
        // Cancel, not CancelAsync: the latter runs callbacks on the thread pool, which workflow code must not use.
        cancel.Cancel();
        try
        {
            await longTimer;
            return "long timer fired";
        }
        catch (TaskCanceledException)
        {
            return "long timer cancelled";
        }
    }
}

/// <summary>Collects signalled items in the order they arrive and returns them once it has the number it waits for.</summary>
[Workflow]
public sealed class CollectingWorkflow
{
    private readonly List<string> _items = [];

    [WorkflowRun]
    public async Task<List<string>> RunAsync(int count)
    {
        await Workflow.WaitConditionAsync(() => _items.Count >= count);
        return _items;
    }

    [WorkflowSignal]
    public Task AddAsync(string item)
    {
        _items.Add(item);
        return Task.CompletedTask;
    }
}
