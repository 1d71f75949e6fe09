using System.Diagnostics;
using Temporalio.Activities;
using Temporalio.Api.Common.V1;
using Temporalio.Client;
using Temporalio.Client.Interceptors;
using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace Commerce.Workflows.Tracing;

/// <summary>
/// Carries the trace context from whoever starts or signals a saga, through the workflow, to every activity and so to
/// each activity's HTTP call: one trace spans placing the order, the saga and the participants. Registered on the
/// client, it also intercepts the workers built on that client.
/// <para>
/// Workflow code must stay deterministic, so the workflow side starts no spans: it only copies the context it was
/// started with (a header, replayed identically) onto each activity it schedules. Spans start where code really runs —
/// the client call and the activity attempt.
/// </para>
/// </summary>
public sealed class TracingInterceptor : IClientInterceptor, IWorkerInterceptor
{
    public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) => new ClientOutbound(nextInterceptor);

    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) => new WorkflowInbound(nextInterceptor);

    public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) => new ActivityInbound(nextInterceptor);

    private sealed class ClientOutbound(ClientOutboundInterceptor next) : ClientOutboundInterceptor(next)
    {
        public override async Task<WorkflowHandle<TWorkflow, TResult>> StartWorkflowAsync<TWorkflow, TResult>(StartWorkflowInput input)
        {
            using var span = WorkflowsTelemetry.Source.StartActivity($"StartWorkflow:{input.Workflow}", ActivityKind.Client);
            span?.SetTag("temporalWorkflowID", input.Options.Id);
            return await Traced(span, () => base.StartWorkflowAsync<TWorkflow, TResult>(
                input with { Headers = TraceContextHeader.With(input.Headers, span ?? Activity.Current) }));
        }

        public override async Task SignalWorkflowAsync(SignalWorkflowInput input)
        {
            using var span = WorkflowsTelemetry.Source.StartActivity($"SignalWorkflow:{input.Signal}", ActivityKind.Client);
            span?.SetTag("temporalWorkflowID", input.Id);
            await Traced(span, () => base.SignalWorkflowAsync(input with { Headers = TraceContextHeader.With(input.Headers, span ?? Activity.Current) }));
        }
    }

    /// <summary>One per workflow run: holds the context the run was started with.</summary>
    private sealed class WorkflowInbound(WorkflowInboundInterceptor next) : WorkflowInboundInterceptor(next)
    {
        public Payload? StartContext { get; private set; }

        public override void Init(WorkflowOutboundInterceptor outbound) => base.Init(new WorkflowOutbound(outbound, this));

        public override Task<object?> ExecuteWorkflowAsync(ExecuteWorkflowInput input)
        {
            StartContext = TraceContextHeader.Find(Workflow.Info.Headers);
            return base.ExecuteWorkflowAsync(input);
        }
    }

    private sealed class WorkflowOutbound(WorkflowOutboundInterceptor next, WorkflowInbound run) : WorkflowOutboundInterceptor(next)
    {
        public override Task<TResult> ScheduleActivityAsync<TResult>(ScheduleActivityInput input) =>
            base.ScheduleActivityAsync<TResult>(input with { Headers = TraceContextHeader.With(input.Headers, run.StartContext) });

        public override Task<TResult> ScheduleLocalActivityAsync<TResult>(ScheduleLocalActivityInput input) =>
            base.ScheduleLocalActivityAsync<TResult>(input with { Headers = TraceContextHeader.With(input.Headers, run.StartContext) });
    }

    private sealed class ActivityInbound(ActivityInboundInterceptor next) : ActivityInboundInterceptor(next)
    {
        public override async Task<object?> ExecuteActivityAsync(ExecuteActivityInput input)
        {
            var info = ActivityExecutionContext.Current.Info;
            using var span = WorkflowsTelemetry.Source.StartActivity(
                $"RunActivity:{input.Activity.Name}", ActivityKind.Internal, TraceContextHeader.ContextOf(input.Headers));
            span?.SetTag("temporalWorkflowID", info.WorkflowId);
            span?.SetTag("temporalRunID", info.WorkflowRunId);
            span?.SetTag("temporalActivityID", info.ActivityId);
            span?.SetTag("temporalActivityAttempt", info.Attempt);
            return await Traced(span, () => base.ExecuteActivityAsync(input));
        }
    }

    private static Task Traced(Activity? span, Func<Task> call) =>
        Traced(span, async () =>
        {
            await call();
            return true;
        });

    /// <summary>Marks the span failed, with the exception, when the call throws.</summary>
    private static async Task<T> Traced<T>(Activity? span, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, exception.Message);
            span.AddException(exception);
            throw;
        }
    }
}
