using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Refit;

namespace Commerce.Bff.Shared;

/// <summary>A service's refusal of the customer's request, passed on as the customer's to fix (its field errors, its reason).</summary>
public static class DownstreamProblems
{
    /// <summary>A service's 400 as the BFF's own: its field errors and detail, <paramref name="title"/> when it gave none.</summary>
    public static async Task<ValidationProblem> InvalidAsync(ApiException refused, string title)
    {
        var problem = await refused.GetContentAsAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>();
        return TypedResults.ValidationProblem(problem?.Errors ?? new Dictionary<string, string[]>(), detail: problem?.Detail, title: problem?.Title ?? title);
    }

    /// <summary>The same status, title and detail, and the machine-readable <c>reason</c> the service gave.</summary>
    public static async Task<ProblemHttpResult> RefusedAsync(ApiException refused)
    {
        var problem = await refused.GetContentAsAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        var extensions = problem?.Extensions.TryGetValue("reason", out var reason) == true
            ? new Dictionary<string, object?> { ["reason"] = reason?.ToString() }
            : null;
        return TypedResults.Problem(problem?.Detail, statusCode: (int)refused.StatusCode, title: problem?.Title, type: problem?.Type, extensions: extensions);
    }

    /// <summary>503 with Retry-After: <paramref name="service"/> could not answer, and is worth asking again soon.</summary>
    public static ProblemHttpResult Unavailable(HttpContext context, string service, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: $"{service} is unavailable",
            detail: "Retry after the number of seconds in Retry-After.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.6.4");
    }
}
