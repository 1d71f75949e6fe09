using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Temporalio.Api.Common.V1;
using Temporalio.Api.ErrorDetails.V1;
using Temporalio.Api.Failure.V1;

namespace Commerce.Testing.Temporal.Rpc;

/// <summary>
/// The gRPC errors the server answers with. Where Temporal attaches a typed detail, so does this server: the SDK only
/// raises its typed exceptions (e.g. <c>WorkflowAlreadyStartedException</c>) when the detail is there.
/// </summary>
internal static class RpcErrors
{
    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) =>
        WithDetail(StatusCode.NotFound, message, new NotFoundFailure());

    public static RpcException NamespaceNotFound(string name) =>
        WithDetail(StatusCode.NotFound, $"Namespace {name} is not found.", new NamespaceNotFoundFailure { Namespace = name });

    public static RpcException WorkflowNotFound(string workflowId, string runId) =>
        NotFound(string.IsNullOrEmpty(runId)
            ? $"Workflow execution {workflowId} is not found."
            : $"Workflow execution {workflowId} (run {runId}) is not found.");

    public static RpcException AlreadyStarted(string workflowId, string startRequestId, string runId) =>
        WithDetail(StatusCode.AlreadyExists, $"Workflow execution {workflowId} is already started (run {runId}).",
            new WorkflowExecutionAlreadyStartedFailure { StartRequestId = startRequestId, RunId = runId });

    /// <summary>
    /// A query the worker failed (unknown query type, a throwing handler): INVALID_ARGUMENT with a
    /// <c>QueryFailedFailure</c>, as a real server answers; the SDK raises <c>WorkflowQueryFailedException</c> only then.
    /// </summary>
    public static RpcException QueryFailed(string message, Failure? failure) =>
        WithDetail(StatusCode.InvalidArgument, message, new QueryFailedFailure { Failure = failure });

    public static RpcException Unimplemented(string what) =>
        new(new Status(StatusCode.Unimplemented, $"{what} is not implemented by Commerce.Testing.Temporal."));

    private static RpcException WithDetail(StatusCode code, string message, IMessage detail)
    {
        // grpc-status-details-bin carries a google.rpc.Status; Temporal's GrpcStatus message has the same wire shape.
        var status = new GrpcStatus { Code = (int)code, Message = message, Details = { Any.Pack(detail) } };
        return new RpcException(new Status(code, message), new Metadata { { "grpc-status-details-bin", status.ToByteArray() } });
    }
}
