using Temporalio.Workflows;

namespace Commerce.Testing.Temporal.Tests;

// Workflows whose state DescribeWorkflowExecution is asked about while they run.

/// <summary>Runs <see cref="TestActivities.ReportProgressAsync"/> under a known activity id and retry policy.</summary>
[Workflow]
public sealed class ProgressWorkflow
{
    public const string ActivityId = "report-progress";

    public const int MaximumAttempts = 5;

    [WorkflowRun]
    public Task<string> RunAsync() =>
        Workflow.ExecuteActivityAsync((TestActivities activities) => activities.ReportProgressAsync(),
            new()
            {
                ActivityId = ActivityId,
                StartToCloseTimeout = TimeSpan.FromSeconds(60),
                RetryPolicy = new() { InitialInterval = TimeSpan.FromMilliseconds(100), MaximumAttempts = MaximumAttempts },
            });
}

/// <summary>Changes its memo (sets one key, removes another), then waits for a signal to finish.</summary>
[Workflow]
public sealed class MemoWorkflow
{
    private bool _released;

    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        Workflow.UpsertMemo(MemoUpdate.ValueSet("stage", "packing"), MemoUpdate.ValueUnset("draft"));
        await Workflow.WaitConditionAsync(() => _released);
        return "packed";
    }

    [WorkflowSignal]
    public Task ReleaseAsync()
    {
        _released = true;
        return Task.CompletedTask;
    }
}
