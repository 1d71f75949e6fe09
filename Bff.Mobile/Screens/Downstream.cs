using Refit;

namespace Commerce.Bff.Mobile.Screens;

/// <summary>Calls to the services, each within its budget, and how their failures read.</summary>
internal static class Downstream
{
    /// <summary>
    /// The service could not answer (unreachable, 5xx, out of time, circuit open), as against a 4xx (the BFF asked
    /// wrongly: a bug to surface) or the phone having gone away.
    /// </summary>
    public static bool IsUnavailable(Exception exception, CancellationToken requestAborted) =>
        !requestAborted.IsCancellationRequested && exception is not ApiException { StatusCode: < System.Net.HttpStatusCode.InternalServerError };

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
            throw new TimeoutException($"No answer within {budget}", exception);
        }
    }

    /// <summary>A part the screen can do without: its value, or null (logged) when its service could not answer.</summary>
    public static async Task<T?> OptionalAsync<T>(
        string part, TimeSpan budget, Func<CancellationToken, Task<T>> call, ILogger logger, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await WithinAsync(budget, call, cancellationToken);
        }
        catch (Exception exception) when (IsUnavailable(exception, CancellationToken.None))
        {
            logger.LogWarning(exception, "The screen goes without its {Part}", part);
            return null;
        }
    }
}
