using Microsoft.AspNetCore.Http;

namespace Commerce.Testing.Temporal.Rpc;

/// <summary>
/// Answers any gRPC call this server does not implement with UNIMPLEMENTED naming the RPC, so a test that reaches for a
/// missing feature says which one instead of failing vaguely.
/// </summary>
internal static class UnimplementedRpcs
{
    private const string HealthServicePath = "/grpc.health.v1.Health";

    public static async Task AnswerUnknownRpcs(HttpContext context, RequestDelegate next)
    {
        var isGrpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
        var path = context.Request.Path.Value ?? "";
        if (!isGrpc || WorkflowServiceEndpoint.ImplementedPaths.Contains(path)
            || OperatorServiceEndpoint.ImplementedPaths.Contains(path)
            || context.Request.Path.StartsWithSegments(HealthServicePath))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        // A trailers-only response: the status travels in the headers, with no message body.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = "12";
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(
            $"RPC {path.TrimStart('/')} is not implemented by Commerce.Testing.Temporal.");
    }
}
