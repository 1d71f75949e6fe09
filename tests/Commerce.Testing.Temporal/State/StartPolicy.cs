using Commerce.Testing.Temporal.Rpc;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.State;

/// <summary>
/// Whether a start may create a new run when the workflow id has been used before: the id conflict policy decides
/// against a running run, the id reuse policy against a closed one.
/// </summary>
internal static class StartPolicy
{
    /// <returns>The answer when the existing run stands in for the new one; null when a new run may start.</returns>
    /// <exception cref="Grpc.Core.RpcException">ALREADY_EXISTS with its typed detail when the start is refused.</exception>
    public static StartWorkflowExecutionResponse? Decide(StartWorkflowExecutionRequest request, WorkflowRun latest)
    {
        if (latest.IsRunning)
        {
            switch (request.WorkflowIdConflictPolicy)
            {
                case WorkflowIdConflictPolicy.UseExisting:
                    return new() { RunId = latest.RunId, Started = false };
                case WorkflowIdConflictPolicy.TerminateExisting:
                    latest.Terminate("Terminated by a start with the terminate-existing conflict policy.", null,
                        request.Identity);
                    return null;
                default:
                    throw RpcErrors.AlreadyStarted(request.WorkflowId, latest.StartRequestId, latest.RunId);
            }
        }
        var refused = request.WorkflowIdReusePolicy switch
        {
            WorkflowIdReusePolicy.RejectDuplicate => true,
            // Only a run that did not succeed may be run again.
            WorkflowIdReusePolicy.AllowDuplicateFailedOnly => latest.Status == WorkflowExecutionStatus.Completed,
            _ => false,
        };
        return refused ? throw RpcErrors.AlreadyStarted(request.WorkflowId, latest.StartRequestId, latest.RunId) : null;
    }
}
