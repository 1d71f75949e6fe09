using Microsoft.Extensions.Logging;
using Refit;

namespace Commerce.Bff.Shared;

/// <summary>
/// How a BFF calls a service: within a budget, and telling "the service could not answer" (a part to do without, or a
/// 503) from "the BFF asked wrongly" (a bug to surface).
/// </summary>
public static class DownstreamFaults
{
    /// <summary>
    /// Whether <paramref name="exception"/> means the service could not answer (unreachable, 5xx, out of time, circuit
    /// open) rather than that the BFF asked wrongly (a 4xx, which is a bug to surface) or the customer went away.
    /// </summary>
    public static bool IsUnavailable(Exception exception, CancellationToken requestAborted) =>
        !requestAborted.IsCancellationRequested && exception is not ApiException { StatusCode: < System.Net.HttpStatusCode.InternalServerError };

    /// <summary>Runs <paramref name="call"/> with at most <paramref name="budget"/> to finish, retries included.</summary>
    /// <exception cref="TimeoutException">The budget ran out, however the transport reported it.</exception>
    public static async Task<T> WithinAsync<T>(TimeSpan budget, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        try
        {
            return await call(deadline.Token);
        }
        catch (Exception exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A cancelled call may surface as a cancellation or as a response (an in-process server answers 499): both
            // mean the service did not answer in time.
            throw new TimeoutException($"No answer within {budget}", exception);
        }
    }

    /// <summary>
    /// A non-critical part of a screen: its value, or its failure (logged), which never fails the screen. Also when the
    /// screen was decided without it: a part left running must not end as an unobserved fault.
    /// </summary>
    public static async Task<(T? Value, bool Failed)> NonCriticalAsync<T>(
        string part, TimeSpan budget, Func<CancellationToken, Task<T>> call, ILogger logger, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return (await WithinAsync(budget, call, cancellationToken), false);
        }
        catch (Exception exception) when (IsUnavailable(exception, CancellationToken.None))
        {
            logger.LogWarning(exception, "The screen goes without its {Part}", part);
            return (null, true);
        }
    }
}
