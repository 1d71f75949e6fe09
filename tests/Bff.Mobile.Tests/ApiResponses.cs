using Refit;

namespace Commerce.Bff.Mobile.Tests;

public static class ApiResponses
{
    /// <summary>The body of a refusal, for a failure message (or a ProblemDetails to read).</summary>
    public static string? ErrorBody(this IApiResponse response) => (response.Error as ApiException)?.Content;
}
