using System.Net;

namespace Commerce.Testing;

/// <summary>
/// Probes <c>/health</c> until it answers as expected. Health follows a dependency asynchronously (a broker connection
/// recovers on its own schedule; a pooled database connection that died with its server fails once more), so a test
/// asks for the state it expects within a bound rather than at one instant.
/// </summary>
public static class HealthProbe
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>The last status seen: <paramref name="expected"/>, or another one once <paramref name="within"/> has passed.</summary>
    public static async Task<HttpStatusCode> WaitForAsync(HttpClient client, HttpStatusCode expected, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
            if (response.StatusCode == expected || DateTime.UtcNow >= deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
