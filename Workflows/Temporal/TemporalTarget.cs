using Microsoft.Extensions.Configuration;

namespace Commerce.Workflows.Temporal;

/// <summary>
/// Where the worker's Temporal server is: <c>TEMPORAL_ADDRESS</c> and <c>TEMPORAL_NAMESPACE</c> (Temporal's own
/// environment configuration, which the Aspire Temporal integrations inject), else <c>ConnectionStrings:temporal</c>
/// (<c>host:port</c>, or a URI whose host and port are taken) and the namespace <c>default</c>.
/// </summary>
public sealed record TemporalTarget(string Address, string Namespace)
{
    public const string DefaultNamespace = "default";

    public static TemporalTarget From(IConfiguration configuration)
    {
        var address = NonEmpty(configuration["TEMPORAL_ADDRESS"]) ?? NonEmpty(configuration.GetConnectionString("temporal"))
            ?? throw new InvalidOperationException(
                "The Temporal server is not configured: set TEMPORAL_ADDRESS (host:port) or ConnectionStrings__temporal, or run through the AppHost.");
        return new TemporalTarget(HostAndPort(address), NonEmpty(configuration["TEMPORAL_NAMESPACE"]) ?? DefaultNamespace);
    }

    // The SDK wants host:port; a connection string written as a URL (http://localhost:7233) means the same server.
    private static string HostAndPort(string address) =>
        address.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? $"{uri.Host}:{uri.Port}"
            : address.Trim();

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
