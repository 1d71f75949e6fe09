using Temporalio.Activities;
using Temporalio.Workflows;

namespace Commerce.Bench.WorkflowThroughput;

/// <summary>The smallest real workflow: one activity, its result returned.</summary>
[Workflow]
public sealed class EchoWorkflow
{
    [WorkflowRun]
    public Task<string> RunAsync(string text) =>
        Workflow.ExecuteActivityAsync(() => EchoActivities.Echo(text), new() { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
}

public static class EchoActivities
{
    [Activity]
    public static string Echo(string text) => text;
}
