namespace Commerce.Bff.Web.Apis;

/// <summary>Settings of the live order stream the BFF relays to browsers (section <c>Bff:OrderStream</c>).</summary>
public sealed class OrderStreamOptions
{
    public const string Section = "Bff:OrderStream";

    /// <summary>
    /// How long the browser's stream may be quiet before the BFF sends it a comment line. Ordering's own heartbeats keep
    /// the BFF's downstream request alive but are not relayed (the event parser drops comments), so the BFF beats itself.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
