namespace Commerce.Ordering.Api.Apis;

/// <summary>Settings of the live order streams (configuration section <c>Ordering:Live</c>).</summary>
public sealed class OrderLiveOptions
{
    public const string Section = "Ordering:Live";

    /// <summary>How long a stream may be quiet before it sends a comment line, so proxies and idle timeouts keep it open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one stream lasts before the service ends it. The browser's EventSource reconnects with Last-Event-ID,
    /// so ending streams only costs a reconnection, and lets connections move to new replicas and drain on shutdown.
    /// </summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
