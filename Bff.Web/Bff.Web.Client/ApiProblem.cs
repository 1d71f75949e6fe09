using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Commerce.Bff.Web.Client;

/// <summary>
/// Why the BFF refused a call, read from its ProblemDetails: <see cref="Reason"/> (the machine-readable refusal),
/// <see cref="Errors"/> (field errors) and any other extension through <see cref="Extension{T}"/>.
/// <see cref="Status"/> 0 means the BFF could not be reached at all.
/// </summary>
public sealed class ApiProblem(HttpStatusCode status, string title, string? detail, string? reason, IReadOnlyDictionary<string, string[]> errors, JsonElement body)
{
    public HttpStatusCode Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public string? Reason { get; } = reason;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public bool IsSignedOut => Status == HttpStatusCode.Unauthorized;

    public T? Extension<T>(string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value)
            ? value.Deserialize<T>(JsonSerializerOptions.Web)
            : default;

    public static ApiProblem Unreachable() => new(
        0, "We couldn't reach the shop", "Check your connection and try again.", null, new Dictionary<string, string[]>(), default);

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken);
        string? Text(string name) =>
            body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        var errors = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out var found) && found.ValueKind == JsonValueKind.Object
            ? found.Deserialize<Dictionary<string, string[]>>(JsonSerializerOptions.Web) ?? []
            : [];
        return new ApiProblem(response.StatusCode, Text("title") ?? DefaultTitle(response.StatusCode), Text("detail"), Text("reason"), errors, body);
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not ("application/problem+json" or "application/json"))
        {
            return default;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (JsonException)
        {
            // A refusal without a readable body is still a refusal; its status says enough.
            return default;
        }
    }

    private static string DefaultTitle(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Please sign in again",
        HttpStatusCode.NotFound => "Not found",
        HttpStatusCode.TooManyRequests => "Too many requests; please wait a moment",
        >= HttpStatusCode.InternalServerError => "The shop is having trouble; please try again shortly",
        _ => "The request was refused",
    };
}

/// <summary>The outcome of a call to the BFF: its value, or the <see cref="ApiProblem"/> it was refused with.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public static ApiResult<T> Success(T value) => new(value, null);

    public static ApiResult<T> Failure(ApiProblem problem) => new(default, problem);
}
