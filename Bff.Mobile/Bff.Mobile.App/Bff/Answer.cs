using Refit;

namespace Commerce.Bff.Mobile.App.Bff;

/// <summary>A screen from the BFF, or the <see cref="Refusal"/> instead of it.</summary>
public sealed record Answer<T>(T? Value, Refusal? Refusal) where T : class
{
    /// <summary>
    /// Makes one call. The browser's HTTP cache sends the held ETag back and turns a 304 into the copy it holds, so a
    /// screen arrives as a 200 here either way.
    /// </summary>
    public static async Task<Answer<T>> OfAsync(Func<Task<IApiResponse<T>>> call)
    {
        try
        {
            var response = await call();
            return response switch
            {
                { IsSuccessStatusCode: true, Content: { } content } => new Answer<T>(content, null),
                { Error: ApiException refused, StatusCode: { } status } => new Answer<T>(null, Refusal.From(refused.Content, status)),
                { StatusCode: { } status } => new Answer<T>(null, Refusal.From(null, status)),
                // Refit hands back a request that got no response (ApiRequestException) rather than throwing it.
                _ => new Answer<T>(null, Refusal.NoAnswer()),
            };
        }
        catch (HttpRequestException)
        {
            return new Answer<T>(null, Refusal.NoAnswer());
        }
    }
}
