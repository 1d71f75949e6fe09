using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;

namespace Commerce.Testing.Temporal.State;

/// <summary>
/// How a run came to be, as its started event tells the worker: a client's start, or the run before it continuing as
/// new or being retried by the server. The run before links the chain (first and continued run ids).
/// </summary>
/// <param name="Previous">The run this one follows; null for a client's start.</param>
/// <param name="Initiator">Who made the new run: the workflow (continue-as-new) or the server's retry policy.</param>
/// <param name="Attempt">Counts from 1; only a retry raises it.</param>
/// <param name="ContinuedFailure">The failure a retry follows, which the workflow can read.</param>
/// <param name="LastCompletionResult">What the run before left for this one, if anything.</param>
/// <param name="FirstWorkflowTaskBackoff">How long the run waits before its first workflow task.</param>
internal sealed record RunOrigin(
    WorkflowRun? Previous,
    ContinueAsNewInitiator Initiator,
    int Attempt,
    Failure? ContinuedFailure,
    Payloads? LastCompletionResult,
    TimeSpan FirstWorkflowTaskBackoff)
{
    /// <summary>A client's start, delayed by <paramref name="startDelay"/> (<c>WorkflowStartDelay</c>).</summary>
    public static RunOrigin Start(TimeSpan startDelay) =>
        new(null, ContinueAsNewInitiator.Unspecified, 1, null, null, startDelay);
}
