namespace Commerce.Bff.Shared;

/// <summary>The edge's limits (section <c>Bff:Limits</c>).</summary>
public sealed class BffLimits
{
    /// <summary>Requests one client (a signed-in customer, else an IP address) may make per <see cref="Window"/>.</summary>
    public int PermitsPerWindow { get; set; } = 300;

    /// <summary>A minute: long enough that a browsing burst (a page and its images' API calls) fits, short enough to recover quickly.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an anonymous catalog read is served from the output cache: prices may be this stale, no more.</summary>
    public TimeSpan CatalogCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The largest request body: a BFF's biggest request (a checkout with a full cart) is a few kilobytes, so
    /// 64 KiB refuses abuse without ever refusing a customer.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
