namespace Commerce.Bff.Mobile;

/// <summary>
/// How long a screen waits for each downstream part (section <c>Bff:Timeouts</c>), the resilience handler's retries
/// included. The critical parts get room for one retry; the parts a screen can do without get the least, because a
/// phone on a slow network has already spent its patience on the way here.
/// </summary>
public sealed class MobileTimeouts
{
    public const string Section = "Bff:Timeouts";

    /// <summary>Catalog is every catalog screen and the cart's prices: 2 s, one retry of a read of a few milliseconds.</summary>
    public TimeSpan Catalog { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Stock levels, one indexed read; the screen says <c>unknown</c> instead of waiting longer.</summary>
    public TimeSpan Availability { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>A delivery estimate, computed in memory by Shipping; the product screen shows none instead of waiting.</summary>
    public TimeSpan Delivery { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Checking the checkout's address: checkout goes on without it (Ordering applies the carrier's rules).</summary>
    public TimeSpan AddressCheck { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Ordering is the orders screens: Catalog's budget.</summary>
    public TimeSpan Ordering { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Placing an order, one transaction after Ordering's own call to Catalog; a retry is safe (the Idempotency-Key).</summary>
    public TimeSpan PlaceOrder { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tokenizing a card, one insert at Payments.</summary>
    public TimeSpan Payments { get; set; } = TimeSpan.FromSeconds(2);
}
