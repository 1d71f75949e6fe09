using System.Net;
using System.Text.Json;
using Xunit;

namespace Commerce.Testing;

/// <summary>
/// Probes <c>/health</c> until it answers as expected. Health follows a dependency asynchronously (a broker connection
/// recovers on its own schedule; a pooled database connection that died with its server fails once more), so a test
/// asks for the state it expects within a bound rather than at one instant.
/// </summary>
public static class HealthProbe
{
    /// <summary>The name Aspire.Npgsql gives its readiness check of the service's database.</summary>
    public const string DatabaseCheck = "PostgreSql";

    /// <summary>The name Aspire.RabbitMQ.Client gives its readiness check of the broker connection.</summary>
    public const string BrokerCheck = "RabbitMQ.Client";

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

    /// <summary>
    /// Asserts <c>/health</c> answers 200 and its per-check report (written in Development) lists each of
    /// <paramref name="checks"/> as Healthy: the service really checks those dependencies.
    /// </summary>
    public static async Task AssertReportsHealthyAsync(HttpClient client, IEnumerable<string> checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var report = JsonDocument.Parse(body);
        var reported = report.RootElement.GetProperty("checks");
        foreach (var check in checks)
        {
            Assert.Equal("Healthy", reported.GetProperty(check).GetProperty("status").GetString());
        }
    }
}
