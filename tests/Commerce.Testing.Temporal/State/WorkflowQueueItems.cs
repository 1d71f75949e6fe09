using Temporalio.Api.Query.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.State;

/// <summary>What a workflow-task poller may be handed: a workflow task, or a query to answer.</summary>
internal abstract record WorkflowQueueItem(WorkflowRun Run);

/// <summary>A scheduled workflow task, stale once the run has moved past it.</summary>
internal sealed record WorkflowTaskItem(WorkflowRun Run, long ScheduledEventId, int Attempt) : WorkflowQueueItem(Run);

/// <summary>A query the worker answers by replaying the run's full history.</summary>
internal sealed record QueryTaskItem(WorkflowRun Run, string QueryId, WorkflowQuery Query) : WorkflowQueueItem(Run)
{
    public TaskCompletionSource<QueryWorkflowResponse> Answer { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>One attempt of an activity, stale once that attempt has ended.</summary>
internal sealed record ActivityTaskItem(WorkflowRun Run, long ScheduledEventId, int Attempt);
