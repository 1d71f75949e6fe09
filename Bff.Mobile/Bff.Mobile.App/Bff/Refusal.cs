using System.Net;
using System.Text.Json;

namespace Commerce.Bff.Mobile.App.Bff;

/// <summary>
/// Why a call did not give the screen, in words for the customer: the BFF's ProblemDetails (<see cref="Reason"/>, the
/// field <see cref="Errors"/>, any other extension through <see cref="Extension{T}"/>), or no answer at all
/// (<see cref="Status"/> 0: no signal, or the BFF is unreachable).
/// </summary>
public sealed class Refusal
{
    private readonly JsonElement _body;

    private Refusal(HttpStatusCode status, string title, string? detail, string? reason, IReadOnlyDictionary<string, string[]> errors, JsonElement body)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Reason = reason;
        Errors = errors;
        _body = body;
    }

    public HttpStatusCode Status { get; }

    public string Title { get; }

    public string? Detail { get; }

    public string? Reason { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool NeedsSignIn => Status == HttpStatusCode.Unauthorized;

    /// <summary>Whether the same call again may well succeed: nothing was decided (no answer, a 5xx, too many calls).</summary>
    public bool IsTransient => IsTransientStatus(Status);

    private static bool IsTransientStatus(HttpStatusCode status) =>
        status is 0 or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;

    public T? Extension<T>(string name) =>
        _body.ValueKind == JsonValueKind.Object && _body.TryGetProperty(name, out var value)
            ? value.Deserialize<T>(JsonSerializerOptions.Web)
            : default;

    public static Refusal NoAnswer() =>
        new(0, "No connection", "You seem to be offline. Check your signal and try again.", null, new Dictionary<string, string[]>(), default);

    public static Refusal From(string? problem, HttpStatusCode status)
    {
        var body = Parse(problem);
        string? Text(string name) =>
            body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        var errors = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out var found) && found.ValueKind == JsonValueKind.Object
            ? found.Deserialize<Dictionary<string, string[]>>(JsonSerializerOptions.Web) ?? []
            : [];
        // A transient refusal's detail speaks to programs ("retry after the number of seconds in Retry-After"); the
        // customer is told what to do in the app's own words.
        var detail = IsTransientStatus(status) ? "Please try again in a moment." : Text("detail");
        return new Refusal(status, Text("title") ?? TitleOf(status), detail, Text("reason"), errors, body);
    }

    private static JsonElement Parse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<JsonElement>(content);
        }
        catch (JsonException)
        {
            // A refusal without a readable body is still a refusal; its status says enough.
            return default;
        }
    }

    private static string TitleOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Please sign in",
        HttpStatusCode.NotFound => "Not found",
        HttpStatusCode.TooManyRequests => "Too many requests; wait a moment and try again",
        >= HttpStatusCode.InternalServerError => "The shop is having trouble; try again shortly",
        _ => "That did not work",
    };
}
