using Refit;

namespace Commerce.Ordering.Tests;

internal static class ProblemExtensions
{
    /// <summary>The ProblemDetails a refused request came back with, as a Refit caller reads it.</summary>
    public static async Task<ProblemDetails> ProblemAsync(this IApiResponse response)
    {
        Assert.True(response.HasResponseError(out var error), $"{response.StatusCode} is not a refusal");
        var problem = await error.GetContentAsAsync<ProblemDetails>();
        Assert.NotNull(problem);
        return problem;
    }

    /// <summary>The machine-readable <c>reason</c> of a refusal.</summary>
    public static async Task<string?> ReasonAsync(this IApiResponse response) =>
        (await response.ProblemAsync()).Extensions.TryGetValue("reason", out var reason) ? reason?.ToString() : null;
}
