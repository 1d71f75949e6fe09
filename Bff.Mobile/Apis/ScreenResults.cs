using Commerce.Bff.Mobile.Screens;
using Commerce.Bff.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Bff.Mobile.Apis;

/// <summary>A screen as HTTP: 200, 400 naming the field, 404, or 503 with Retry-After.</summary>
internal static class ScreenResults
{
    /// <summary>A service restarting or failing over is back within seconds: worth a retry soon, not a hammering.</summary>
    public const int RetryAfterSeconds = 5;

    public static Results<Ok<TScreen>, ValidationProblem, ProblemHttpResult> Of<TScreen>(ScreenRead<TScreen> read, HttpContext context, string missing) => read switch
    {
        ScreenRead<TScreen>.Shown shown => TypedResults.Ok(shown.Screen),
        ScreenRead<TScreen>.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: invalid.Title),
        ScreenRead<TScreen>.Missing => NotFound(missing),
        ScreenRead<TScreen>.Unavailable unavailable => Unavailable(context, unavailable.Service),
        _ => throw new ArgumentOutOfRangeException(nameof(read), read, "A screen read the API does not know."),
    };

    /// <summary>The same answer for what does not exist and for what is another customer's: nothing to learn by guessing ids.</summary>
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: detail,
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    public static ProblemHttpResult Unavailable(HttpContext context, string service) =>
        DownstreamProblems.Unavailable(context, service, RetryAfterSeconds);
}
