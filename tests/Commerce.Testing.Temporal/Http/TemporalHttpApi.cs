using Commerce.Testing.Temporal.State;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.Http;

/// <summary>
/// The part of Temporal's HTTP API (<c>/api/v1</c>, protobuf JSON) the Web UI calls to inspect workflows: settings and
/// cluster facts, namespaces and search attributes, listing, counting and describing workflows, their history, their
/// task queues' workers, queries, cancellation and signals. Each route makes the gRPC request a real frontend would and
/// hands it to the same engine as the gRPC API. Anything else under <c>/api/v1</c> answers 501, which the UI shows as
/// an error in place of the feature.
/// </summary>
internal static class TemporalHttpApi
{
    private const string Identity = "temporal-ui";

    public static void MapTemporalHttpApi(this IEndpointRouteBuilder app, WorkflowEngine engine, TemporalTestServerOptions options)
    {
        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter(AnswerGrpcErrors);
        api.AddEndpointFilter(TemporalUiSite.RequireCsrfToken);

        api.MapGet("/settings", (HttpContext context) =>
        {
            TemporalUiSite.IssueCsrfCookie(context);
            return Results.Json(UiSettings.Current);
        });
        api.MapGet("/cluster-info", () => ProtoJson.Ok(Rpc.ClusterFacts.ClusterInfo()));
        // Without the nexus capability the UI offers no Nexus filters; this server has none.
        api.MapGet("/system-info", () => ProtoJson.Ok(Rpc.ClusterFacts.SystemInfo()));
        api.MapGet("/namespaces", () =>
        {
            var response = new ListNamespacesResponse();
            response.Namespaces.Add(engine.Namespaces.All.Select(ns => ns.Describe()));
            return ProtoJson.Ok(response);
        });
        api.MapGet("/namespaces/{ns}", (string ns) => ProtoJson.Ok(engine.Namespaces.Get(ns).Describe()));
        api.MapGet("/namespaces/{ns}/search-attributes", (string ns) =>
            ProtoJson.Ok(engine.ListSearchAttributes(new ListSearchAttributesRequest { Namespace = ns })));

        api.MapGet("/namespaces/{ns}/workflow-count", (string ns, string? query) =>
            ProtoJson.Ok(engine.CountWorkflows(new CountWorkflowExecutionsRequest { Namespace = ns, Query = query ?? "" })));
        api.MapGet("/namespaces/{ns}/workflows", (string ns, string? query, int? pageSize, HttpRequest request) =>
            ProtoJson.Ok(engine.ListWorkflows(new ListWorkflowExecutionsRequest
            {
                Namespace = ns,
                Query = query ?? "",
                PageSize = pageSize ?? 0,
                NextPageToken = PageToken(request),
            })));
        api.MapGet("/namespaces/{ns}/workflows/{workflowId}", (string ns, string workflowId, HttpRequest request) =>
            ProtoJson.Ok(engine.Describe(new DescribeWorkflowExecutionRequest { Namespace = ns, Execution = Execution(workflowId, request) })));
        api.MapGet("/namespaces/{ns}/workflows/{workflowId}/history", async (string ns, string workflowId, bool? waitNewEvent,
            HttpRequest request, CancellationToken cancellationToken) =>
            ProtoJson.Ok(await engine.GetHistoryAsync(new GetWorkflowExecutionHistoryRequest
            {
                Namespace = ns,
                Execution = Execution(workflowId, request),
                WaitNewEvent = waitNewEvent ?? false,
                NextPageToken = PageToken(request),
            }, options.LongPollTimeout, cancellationToken)));
        api.MapGet("/namespaces/{ns}/task-queues/{queue}", (string ns, string queue, int? taskQueueType) =>
            ProtoJson.Ok(engine.DescribeTaskQueue(new DescribeTaskQueueRequest
            {
                Namespace = ns,
                TaskQueue = new() { Name = PathValue(queue), Kind = TaskQueueKind.Normal },
                TaskQueueType = (TaskQueueType)(taskQueueType ?? (int)TaskQueueType.Workflow),
            })));

        api.MapPost("/namespaces/{ns}/workflows/{workflowId}/query/{queryType}", async (string ns, string workflowId, string queryType,
            HttpRequest request, CancellationToken cancellationToken) =>
        {
            var query = await ProtoJson.ReadAsync<QueryWorkflowRequest>(request, cancellationToken);
            query.Namespace = ns;
            query.Execution ??= new WorkflowExecution();
            query.Execution.WorkflowId = PathValue(workflowId);
            query.Query ??= new();
            query.Query.QueryType = PathValue(queryType);
            return ProtoJson.Ok(await engine.QueryAsync(query, options.LongPollTimeout, cancellationToken));
        });
        api.MapPost("/namespaces/{ns}/workflows/{workflowId}/cancel", (string ns, string workflowId, HttpRequest request) =>
        {
            engine.RequestCancel(new RequestCancelWorkflowExecutionRequest
            {
                Namespace = ns,
                WorkflowExecution = Execution(workflowId, request),
                Identity = Identity,
                RequestId = Guid.NewGuid().ToString(),
            });
            return ProtoJson.Ok(new RequestCancelWorkflowExecutionResponse());
        });
        api.MapPost("/namespaces/{ns}/workflows/{workflowId}/signal/{signalName}", async (string ns, string workflowId, string signalName,
            HttpRequest request, CancellationToken cancellationToken) =>
        {
            var signal = await ProtoJson.ReadAsync<SignalWorkflowExecutionRequest>(request, cancellationToken);
            signal.Namespace = ns;
            signal.WorkflowExecution ??= new WorkflowExecution();
            signal.WorkflowExecution.WorkflowId = PathValue(workflowId);
            signal.SignalName = PathValue(signalName);
            signal.Identity = Identity;
            signal.RequestId = Guid.NewGuid().ToString();
            engine.Signal(signal);
            return ProtoJson.Ok(new SignalWorkflowExecutionResponse());
        });

        api.Map("/{**rest}", (HttpRequest request) => ProtoJson.Error(StatusCode.Unimplemented,
            $"{request.Method} {request.Path} is not part of the in-process Temporal server's HTTP API."));
    }

    /// <summary>Engine refusals are gRPC statuses; over HTTP they are what gRPC-gateway makes of them.</summary>
    private static async ValueTask<object?> AnswerGrpcErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (RpcException e)
        {
            return ProtoJson.Error(e.StatusCode, e.Status.Detail);
        }
    }

    private static WorkflowExecution Execution(string workflowId, HttpRequest request) => new()
    {
        WorkflowId = PathValue(workflowId),
        RunId = request.Query["execution.runId"].ToString(),
    };

    /// <summary>The UI names the token <c>next_page_token</c> for history and namespaces, <c>nextPageToken</c> for lists.</summary>
    private static ByteString PageToken(HttpRequest request)
    {
        var token = request.Query["next_page_token"].ToString() is { Length: > 0 } snake ? snake : request.Query["nextPageToken"].ToString();
        if (token.Length == 0)
        {
            return ByteString.Empty;
        }
        try
        {
            return ByteString.FromBase64(token);
        }
        catch (FormatException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The page token is not one this server gave."));
        }
    }

    /// <summary>Routing decodes a path segment except its <c>%2F</c>; an id may hold a slash.</summary>
    private static string PathValue(string segment) => segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
