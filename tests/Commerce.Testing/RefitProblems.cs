using Refit;
using Xunit;

namespace Commerce.Testing;

/// <summary>A refusal as a service's Refit caller (another service, the saga) reads it.</summary>
public static class RefitProblems
{
    /// <summary>The ProblemDetails a refused request came back with.</summary>
    public static async Task<ProblemDetails> ProblemAsync(this IApiResponse response)
    {
        Assert.True(response.HasResponseError(out var error), $"{response.StatusCode} is not a refusal");
        var problem = await error.GetContentAsAsync<ProblemDetails>().ConfigureAwait(false);
        Assert.NotNull(problem);
        return problem;
    }

    /// <summary>The machine-readable <c>reason</c> of a refusal.</summary>
    public static async Task<string?> ReasonAsync(this IApiResponse response) =>
        (await response.ProblemAsync().ConfigureAwait(false)).Extensions.TryGetValue("reason", out var reason) ? reason?.ToString() : null;
}
