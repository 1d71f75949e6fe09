using Commerce.Testing.Temporal.State;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Google.Protobuf;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.Rpc;

/// <summary>
/// <c>temporal.api.workflowservice.v1.WorkflowService</c>, the RPCs implemented so far. ASP.NET Core's gRPC binder
/// finds each RPC's handler as a public virtual method of exactly the RPC's name on this class, hence the shape.
/// </summary>
[BindServiceMethod(typeof(WorkflowServiceEndpoint), nameof(BindService))]
#pragma warning disable CA1852 // Must stay unsealed: the gRPC binder requires virtual methods.
internal class WorkflowServiceEndpoint(WorkflowEngine engine, TemporalTestServerOptions options)
#pragma warning restore CA1852
{
    public const string ServiceName = "temporal.api.workflowservice.v1.WorkflowService";

    private static readonly List<IMethod> BoundMethods = [];

    /// <summary>Paths of every RPC this server answers, e.g. <c>/temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo</c>.</summary>
    public static IReadOnlySet<string> ImplementedPaths { get; } = CollectPaths();

    private static HashSet<string> CollectPaths()
    {
        BindService(new PathCollector(), null);
        return BoundMethods.Select(m => m.FullName).ToHashSet(StringComparer.Ordinal);
    }

    public static void BindService(ServiceBinderBase binder, WorkflowServiceEndpoint? service)
    {
        Add<GetSystemInfoRequest, GetSystemInfoResponse>(binder, nameof(GetSystemInfo));
        Add<DescribeNamespaceRequest, DescribeNamespaceResponse>(binder, nameof(DescribeNamespace));
        Add<ListNamespacesRequest, ListNamespacesResponse>(binder, nameof(ListNamespaces));
        Add<StartWorkflowExecutionRequest, StartWorkflowExecutionResponse>(binder, nameof(StartWorkflowExecution));
        Add<SignalWithStartWorkflowExecutionRequest, SignalWithStartWorkflowExecutionResponse>(binder, nameof(SignalWithStartWorkflowExecution));
        Add<RequestCancelWorkflowExecutionRequest, RequestCancelWorkflowExecutionResponse>(binder, nameof(RequestCancelWorkflowExecution));
        Add<DescribeWorkflowExecutionRequest, DescribeWorkflowExecutionResponse>(binder, nameof(DescribeWorkflowExecution));
        Add<TerminateWorkflowExecutionRequest, TerminateWorkflowExecutionResponse>(binder, nameof(TerminateWorkflowExecution));
        Add<SignalWorkflowExecutionRequest, SignalWorkflowExecutionResponse>(binder, nameof(SignalWorkflowExecution));
        Add<QueryWorkflowRequest, QueryWorkflowResponse>(binder, nameof(QueryWorkflow));
        Add<GetWorkflowExecutionHistoryRequest, GetWorkflowExecutionHistoryResponse>(binder, nameof(GetWorkflowExecutionHistory));
        Add<PollWorkflowTaskQueueRequest, PollWorkflowTaskQueueResponse>(binder, nameof(PollWorkflowTaskQueue));
        Add<RespondWorkflowTaskCompletedRequest, RespondWorkflowTaskCompletedResponse>(binder, nameof(RespondWorkflowTaskCompleted));
        Add<RespondWorkflowTaskFailedRequest, RespondWorkflowTaskFailedResponse>(binder, nameof(RespondWorkflowTaskFailed));
        Add<RespondQueryTaskCompletedRequest, RespondQueryTaskCompletedResponse>(binder, nameof(RespondQueryTaskCompleted));
        Add<PollActivityTaskQueueRequest, PollActivityTaskQueueResponse>(binder, nameof(PollActivityTaskQueue));
        Add<RecordActivityTaskHeartbeatRequest, RecordActivityTaskHeartbeatResponse>(binder, nameof(RecordActivityTaskHeartbeat));
        Add<RespondActivityTaskCompletedRequest, RespondActivityTaskCompletedResponse>(binder, nameof(RespondActivityTaskCompleted));
        Add<RespondActivityTaskFailedRequest, RespondActivityTaskFailedResponse>(binder, nameof(RespondActivityTaskFailed));
        Add<RespondActivityTaskCanceledRequest, RespondActivityTaskCanceledResponse>(binder, nameof(RespondActivityTaskCanceled));
        Add<ShutdownWorkerRequest, ShutdownWorkerResponse>(binder, nameof(ShutdownWorker));
        Add<ListWorkflowExecutionsRequest, ListWorkflowExecutionsResponse>(binder, nameof(ListWorkflowExecutions));
        Add<CountWorkflowExecutionsRequest, CountWorkflowExecutionsResponse>(binder, nameof(CountWorkflowExecutions));
        Add<GetClusterInfoRequest, GetClusterInfoResponse>(binder, nameof(GetClusterInfo));
        Add<DescribeTaskQueueRequest, DescribeTaskQueueResponse>(binder, nameof(DescribeTaskQueue));
        _ = service;
    }

    private static void Add<TRequest, TResponse>(ServiceBinderBase binder, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = GrpcMethods.Unary<TRequest, TResponse>(ServiceName, name);
        // The handler delegate is unused: ASP.NET Core binds the method of the same name on this class instead.
        binder.AddMethod(method, (UnaryServerMethod<TRequest, TResponse>)null!);
        if (binder is PathCollector)
        {
            BoundMethods.Add(method);
        }
    }

    public virtual Task<GetSystemInfoResponse> GetSystemInfo(GetSystemInfoRequest request, ServerCallContext context) =>
        Task.FromResult(ClusterFacts.SystemInfo());

    public virtual Task<DescribeNamespaceResponse> DescribeNamespace(DescribeNamespaceRequest request, ServerCallContext context)
    {
        var ns = string.IsNullOrEmpty(request.Id) ? engine.Namespaces.Get(request.Namespace) : engine.Namespaces.GetById(request.Id);
        return Task.FromResult(ns.Describe());
    }

    public virtual Task<ListNamespacesResponse> ListNamespaces(ListNamespacesRequest request, ServerCallContext context)
    {
        var response = new ListNamespacesResponse();
        response.Namespaces.Add(engine.Namespaces.All.Select(ns => ns.Describe()));
        return Task.FromResult(response);
    }

    public virtual Task<StartWorkflowExecutionResponse> StartWorkflowExecution(
        StartWorkflowExecutionRequest request, ServerCallContext context) =>
        Task.FromResult(engine.StartWorkflow(request));

    public virtual Task<SignalWithStartWorkflowExecutionResponse> SignalWithStartWorkflowExecution(
        SignalWithStartWorkflowExecutionRequest request, ServerCallContext context) =>
        Task.FromResult(engine.SignalWithStart(request));

    public virtual Task<RequestCancelWorkflowExecutionResponse> RequestCancelWorkflowExecution(
        RequestCancelWorkflowExecutionRequest request, ServerCallContext context)
    {
        engine.RequestCancel(request);
        return Task.FromResult(new RequestCancelWorkflowExecutionResponse());
    }

    public virtual Task<DescribeWorkflowExecutionResponse> DescribeWorkflowExecution(
        DescribeWorkflowExecutionRequest request, ServerCallContext context) =>
        Task.FromResult(engine.Describe(request));

    public virtual Task<TerminateWorkflowExecutionResponse> TerminateWorkflowExecution(
        TerminateWorkflowExecutionRequest request, ServerCallContext context)
    {
        engine.Terminate(request);
        return Task.FromResult(new TerminateWorkflowExecutionResponse());
    }

    public virtual Task<SignalWorkflowExecutionResponse> SignalWorkflowExecution(
        SignalWorkflowExecutionRequest request, ServerCallContext context)
    {
        engine.Signal(request);
        return Task.FromResult(new SignalWorkflowExecutionResponse());
    }

    public virtual Task<QueryWorkflowResponse> QueryWorkflow(QueryWorkflowRequest request, ServerCallContext context) =>
        engine.QueryAsync(request, LongPollWait(context), context.CancellationToken);

    public virtual Task<GetWorkflowExecutionHistoryResponse> GetWorkflowExecutionHistory(
        GetWorkflowExecutionHistoryRequest request, ServerCallContext context) =>
        engine.GetHistoryAsync(request, LongPollWait(context), context.CancellationToken);

    public virtual Task<PollWorkflowTaskQueueResponse> PollWorkflowTaskQueue(
        PollWorkflowTaskQueueRequest request, ServerCallContext context) =>
        engine.PollWorkflowTaskAsync(request, LongPollWait(context), context.CancellationToken);

    public virtual Task<RespondWorkflowTaskCompletedResponse> RespondWorkflowTaskCompleted(
        RespondWorkflowTaskCompletedRequest request, ServerCallContext context)
    {
        engine.CompleteWorkflowTask(request);
        return Task.FromResult(new RespondWorkflowTaskCompletedResponse());
    }

    public virtual Task<RespondWorkflowTaskFailedResponse> RespondWorkflowTaskFailed(
        RespondWorkflowTaskFailedRequest request, ServerCallContext context)
    {
        engine.FailWorkflowTask(request);
        return Task.FromResult(new RespondWorkflowTaskFailedResponse());
    }

    public virtual Task<RespondQueryTaskCompletedResponse> RespondQueryTaskCompleted(
        RespondQueryTaskCompletedRequest request, ServerCallContext context)
    {
        engine.AnswerQuery(request);
        return Task.FromResult(new RespondQueryTaskCompletedResponse());
    }

    public virtual Task<PollActivityTaskQueueResponse> PollActivityTaskQueue(
        PollActivityTaskQueueRequest request, ServerCallContext context) =>
        engine.PollActivityTaskAsync(request, LongPollWait(context), context.CancellationToken);

    public virtual Task<RecordActivityTaskHeartbeatResponse> RecordActivityTaskHeartbeat(
        RecordActivityTaskHeartbeatRequest request, ServerCallContext context) =>
        Task.FromResult(engine.AnswerActivityTask(request.TaskToken,
            (run, activity) => new RecordActivityTaskHeartbeatResponse { CancelRequested = run.Heartbeat(activity, request.Details) }));

    public virtual Task<RespondActivityTaskCompletedResponse> RespondActivityTaskCompleted(
        RespondActivityTaskCompletedRequest request, ServerCallContext context) =>
        Task.FromResult(engine.AnswerActivityTask(request.TaskToken, (run, activity) =>
        {
            run.CompleteActivity(activity, request.Result, request.Identity);
            return new RespondActivityTaskCompletedResponse();
        }));

    public virtual Task<RespondActivityTaskFailedResponse> RespondActivityTaskFailed(
        RespondActivityTaskFailedRequest request, ServerCallContext context) =>
        Task.FromResult(engine.AnswerActivityTask(request.TaskToken, (run, activity) =>
        {
            run.FailActivity(activity, request.Failure, request.Identity, request.LastHeartbeatDetails);
            return new RespondActivityTaskFailedResponse();
        }));

    public virtual Task<RespondActivityTaskCanceledResponse> RespondActivityTaskCanceled(
        RespondActivityTaskCanceledRequest request, ServerCallContext context) =>
        Task.FromResult(engine.AnswerActivityTask(request.TaskToken, (run, activity) =>
        {
            run.CancelActivity(activity, request.Details, request.Identity);
            return new RespondActivityTaskCanceledResponse();
        }));

    public virtual Task<ShutdownWorkerResponse> ShutdownWorker(ShutdownWorkerRequest request, ServerCallContext context)
    {
        engine.ShutdownWorker(request);
        return Task.FromResult(new ShutdownWorkerResponse());
    }

    public virtual Task<ListWorkflowExecutionsResponse> ListWorkflowExecutions(
        ListWorkflowExecutionsRequest request, ServerCallContext context) =>
        Task.FromResult(engine.ListWorkflows(request));

    public virtual Task<CountWorkflowExecutionsResponse> CountWorkflowExecutions(
        CountWorkflowExecutionsRequest request, ServerCallContext context) =>
        Task.FromResult(engine.CountWorkflows(request));

    public virtual Task<GetClusterInfoResponse> GetClusterInfo(GetClusterInfoRequest request, ServerCallContext context) =>
        Task.FromResult(ClusterFacts.ClusterInfo());

    public virtual Task<DescribeTaskQueueResponse> DescribeTaskQueue(DescribeTaskQueueRequest request, ServerCallContext context) =>
        Task.FromResult(engine.DescribeTaskQueue(request));

    /// <summary>How long a long poll may wait: the server's limit, or less so the answer beats the caller's deadline.</summary>
    private TimeSpan LongPollWait(ServerCallContext context)
    {
        var untilDeadline = context.Deadline == DateTime.MaxValue
            ? options.LongPollTimeout
            : context.Deadline - DateTime.UtcNow - TimeSpan.FromSeconds(1);
        var wait = untilDeadline < options.LongPollTimeout ? untilDeadline : options.LongPollTimeout;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Collects method descriptors only; used once to learn which paths this service answers.</summary>
    private sealed class PathCollector : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
        }
    }
}
