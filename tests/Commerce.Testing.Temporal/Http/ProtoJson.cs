using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Commerce.Testing.Temporal.Http;

/// <summary>
/// Temporal's HTTP API is its gRPC messages in protobuf's JSON mapping (lowerCamelCase names, int64 as strings, enums
/// by name, bytes as base64), and its errors gRPC statuses as <c>{code, message, details}</c>: what the Web UI reads.
/// </summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static IResult Ok(IMessage message) => Results.Text(Formatter.Format(message), "application/json");

    /// <summary>
    /// The request body as <typeparamref name="T"/>, whatever its Content-Type: the Web UI posts JSON as text/plain.
    /// An empty body is an empty message.
    /// </summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : IMessage<T>, new()
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new T();
        }
        try
        {
            return Parser.Parse<T>(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"The body is not a {typeof(T).Name}: {e.Message}"));
        }
    }

    /// <summary>A gRPC status as gRPC-gateway writes it, with the HTTP status it maps to.</summary>
    public static IResult Error(StatusCode code, string message) =>
        Results.Json(new { code = (int)code, message, details = Array.Empty<object>() }, statusCode: HttpStatus(code));

    private static int HttpStatus(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.DeadlineExceeded or StatusCode.Cancelled => StatusCodes.Status504GatewayTimeout,
        // Nothing here authenticates, and the UI answers a 401 or 403 by going to a login page this site lacks.
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}
