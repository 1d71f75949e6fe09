namespace Commerce.Bff.Mobile;

/// <summary>The edge's limits (section <c>Bff:Limits</c>).</summary>
public sealed class MobileLimits
{
    public const string Section = "Bff:Limits";

    /// <summary>Requests one client (a customer, by the token's <c>sub</c>, else an IP address) may make per <see cref="Window"/>.</summary>
    /// <remarks>
    /// Lower than the web BFF's: the app asks for a screen in one call and keeps what it got (ETags), so a person
    /// scrolling and tapping makes a few calls a second at most, and an images-heavy grid is served from the phone's cache.
    /// </remarks>
    public int PermitsPerWindow { get; set; } = 240;

    /// <summary>A minute: a burst (a grid's images on first launch) fits, and a refused client recovers quickly.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a phone (or a cache between it and us) may keep an anonymous catalog screen before asking again; asking
    /// again is cheap (a 304 when nothing changed), and prices may be this stale, no more.
    /// </summary>
    public TimeSpan CatalogMaxAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The largest request body: the biggest the app sends (a checkout of a full cart, 50 lines) is under 4 KiB, so
    /// 32 KiB refuses abuse without ever refusing a customer.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024;
}
