using Refit;

namespace Commerce.Bff.Mobile.App.Bff;

/// <summary>A screen from the BFF, or the <see cref="Refusal"/> instead of it.</summary>
public sealed record Answer<T>(T? Value, Refusal? Refusal) where T : class
{
    /// <summary>
    /// Makes one call. The browser's HTTP cache sends the held ETag back and turns a 304 into the copy it holds, so a
    /// screen arrives as a 200 here either way.
    /// </summary>
    public static async Task<Answer<T>> OfAsync(Func<Task<IApiResponse<T>>> call) => (await CallAsync(call)).Answer;

    /// <summary>
    /// A screen, read: when the BFF answers 503 or 429 with a short Retry-After (a service warming up or restarting,
    /// a burst), the app waits that long and asks again, up to <see cref="ScreenAttempts"/> times, as a patient
    /// customer would press "Try again"; only then is the refusal shown. For reads only: a write decides for itself.
    /// </summary>
    public static async Task<Answer<T>> OfScreenAsync(Func<Task<IApiResponse<T>>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (answer, retryAfter) = await CallAsync(call);
            if (answer.Refusal is not { IsTransient: true } || retryAfter is not { } wait || wait > LongestWait || attempt == ScreenAttempts)
            {
                return answer;
            }

            await Task.Delay(wait);
        }
    }

    private const int ScreenAttempts = 3;

    /// <summary>Longer than this, the customer had better be told and decide.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    private static async Task<(Answer<T> Answer, TimeSpan? RetryAfter)> CallAsync(Func<Task<IApiResponse<T>>> call)
    {
        try
        {
            var response = await call();
            var retryAfter = response.Headers?.RetryAfter?.Delta;
            return (response switch
            {
                { IsSuccessStatusCode: true, Content: { } content } => new Answer<T>(content, null),
                { Error: ApiException refused, StatusCode: { } status } => new Answer<T>(null, Refusal.From(refused.Content, status)),
                { StatusCode: { } status } => new Answer<T>(null, Refusal.From(null, status)),
                // Refit hands back a request that got no response (ApiRequestException) rather than throwing it.
                _ => new Answer<T>(null, Refusal.NoAnswer()),
            }, retryAfter);
        }
        catch (HttpRequestException)
        {
            return (new Answer<T>(null, Refusal.NoAnswer()), null);
        }
    }
}
