using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.State;

// The runs that follow this one under the same workflow id: the next run the workflow asks for (continue-as-new), and the
// retry the server starts when a workflow with a retry policy fails. As on a real server (temporal
// service/history/workflow/retry.go and mutable_state_impl.go, AddContinueAsNewEvent), the closing event names the new
// run and the new run's started event names the one before, so a client's GetResultAsync follows the chain.
internal sealed partial class WorkflowRun
{
    /// <summary>Fails the run; under a retry policy with attempts and time left, the next attempt starts after its backoff.</summary>
    private void FailWorkflow(Failure failure, long completedEventId)
    {
        var decision = _start.RetryPolicy is { } policy
            ? RetryPolicyCalculator.Decide(policy, Attempt, failure, _engine.Time.GetUtcNow(), ExpirationTime)
            : new RetryDecision(RetryState.RetryPolicyNotSet, TimeSpan.Zero);
        // A retry runs the same start again, with the memo and search attributes the workflow started with.
        var retry = decision.WillRetry
            ? new WorkflowRun(_engine, NextStart(), Guid.NewGuid().ToString(),
                new RunOrigin(this, ContinueAsNewInitiator.Retry, Attempt + 1, failure, null, decision.Backoff))
            : null;
        History.Append(EventType.WorkflowExecutionFailed, e => e.WorkflowExecutionFailedEventAttributes = new()
        {
            Failure = failure,
            RetryState = decision.State,
            WorkflowTaskCompletedEventId = completedEventId,
            NewExecutionRunId = retry?.RunId ?? "",
        });
        Close(WorkflowExecutionStatus.Failed);
        if (retry is not null)
        {
            BeginNext(retry);
        }
    }

    /// <summary>Closes this run and starts the next one under the same workflow id, with the input the workflow gave.</summary>
    private void ContinueAsNew(ContinueAsNewWorkflowExecutionCommandAttributes attributes, long completedEventId)
    {
        var next = NextStart();
        next.WorkflowType = attributes.WorkflowType ?? _start.WorkflowType;
        next.TaskQueue = string.IsNullOrEmpty(attributes.TaskQueue?.Name) ? _start.TaskQueue : attributes.TaskQueue;
        next.Input = attributes.Input;
        next.Header = attributes.Header ?? _start.Header;
        // The worker fills in the memo the run started with when the workflow gives none, so a memo upserted since
        // does not carry over, as on a real server.
        next.Memo = attributes.Memo ?? _start.Memo;
        next.SearchAttributes = attributes.SearchAttributes ?? _searchAttributes.Clone();
        // The command's retry policy, not this run's: the worker copies this run's in when the workflow names none.
        next.RetryPolicy = attributes.RetryPolicy is { } policy ? RetryPolicyCalculator.WithDefaults(policy) : null;
        if (HasDuration(attributes.WorkflowRunTimeout))
        {
            next.WorkflowRunTimeout = attributes.WorkflowRunTimeout;
        }
        if (HasDuration(attributes.WorkflowTaskTimeout))
        {
            next.WorkflowTaskTimeout = attributes.WorkflowTaskTimeout;
        }
        var initiator = attributes.Initiator == ContinueAsNewInitiator.Unspecified
            ? ContinueAsNewInitiator.Workflow
            : attributes.Initiator;
        var backoff = HasDuration(attributes.BackoffStartInterval) ? attributes.BackoffStartInterval.ToTimeSpan() : TimeSpan.Zero;
        var nextRun = new WorkflowRun(_engine, next, Guid.NewGuid().ToString(), new RunOrigin(this, initiator,
            initiator == ContinueAsNewInitiator.Retry ? Attempt + 1 : 1, attributes.Failure, attributes.LastCompletionResult,
            backoff));
        History.Append(EventType.WorkflowExecutionContinuedAsNew, e => e.WorkflowExecutionContinuedAsNewEventAttributes = new()
        {
            NewExecutionRunId = nextRun.RunId,
            WorkflowType = next.WorkflowType,
            TaskQueue = next.TaskQueue,
            Input = next.Input,
            WorkflowRunTimeout = next.WorkflowRunTimeout,
            WorkflowTaskTimeout = Duration.FromTimeSpan(nextRun.WorkflowTaskTimeout),
            WorkflowTaskCompletedEventId = completedEventId,
            BackoffStartInterval = attributes.BackoffStartInterval,
            Initiator = initiator,
            LastCompletionResult = attributes.LastCompletionResult,
            Header = next.Header,
            Memo = next.Memo,
            SearchAttributes = next.SearchAttributes,
        });
        Close(WorkflowExecutionStatus.ContinuedAsNew);
        BeginNext(nextRun);
    }

    /// <summary>This run's start as the next run's: a new request id, and no start delay (the next run has its own backoff).</summary>
    private StartWorkflowExecutionRequest NextStart()
    {
        var next = _start.Clone();
        next.RequestId = Guid.NewGuid().ToString();
        next.WorkflowStartDelay = null;
        return next;
    }

    private void BeginNext(WorkflowRun next)
    {
        _engine.Namespaces.Get(Namespace).Add(next);
        next.Begin();
    }
}
