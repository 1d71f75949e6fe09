using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Bff.Web.Apis;

/// <summary>What a customer gets when Catalog cannot answer: 503 and when to retry, as JSON or as a page.</summary>
public static class CatalogUnavailable
{
    /// <summary>Catalog is usually back within seconds (a restart, a failover): worth a retry soon, not a hammering.</summary>
    public const int RetryAfterSeconds = 5;

    public static ProblemHttpResult Problem(HttpContext context)
    {
        MarkResponse(context.Response);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The catalog is unavailable",
            detail: "Products cannot be shown right now; retry after the number of seconds in Retry-After.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.6.4");
    }

    /// <summary>The status and Retry-After of a 503, for a server-rendered page that explains it in its own words.</summary>
    public static void MarkResponse(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }
}
