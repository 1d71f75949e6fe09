namespace Commerce.Bff.Shared;

/// <summary>
/// How long one screen waits for each downstream part (section <c>Bff:Timeouts</c>), retries by the standard
/// resilience handler included. A page is as slow as its slowest part, so the non-critical parts get the shortest
/// budgets: a customer would rather see "availability unknown" at once than a complete page two seconds later.
/// </summary>
public sealed class BffTimeouts
{
    /// <summary>
    /// Catalog is the page: without it there is nothing to show. 2 s leaves room for one retry of a call that normally
    /// takes a few milliseconds, and stays under the ~3 s after which people abandon a page.
    /// </summary>
    public TimeSpan Catalog { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Stock levels are a single indexed read; 800 ms is generous, and the page can show "unknown" instead.</summary>
    public TimeSpan Availability { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>A quote is computed in memory by Shipping; as with availability, the page does without it rather than wait.</summary>
    public TimeSpan ShippingEstimate { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// Ordering is the orders screens: without it there is nothing to show, so it gets Catalog's budget (one retry of an
    /// indexed read, under the ~3 s people wait).
    /// </summary>
    public TimeSpan Ordering { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The latest messages beside the orders are a courtesy; the orders screen shows none rather than wait.</summary>
    public TimeSpan Notifications { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// Checking the checkout's address with a Shipping quote: as short as the estimate, because checkout goes on without
    /// it (Ordering applies the carrier's rules itself); the check only lets the customer hear sooner.
    /// </summary>
    public TimeSpan AddressCheck { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// Placing the order: one transaction in Ordering after its own call to Catalog. 5 s leaves room for Ordering's
    /// retry of Catalog; a customer waits on a "place order" button longer than on a page, and a retry is safe (the
    /// Idempotency-Key makes it the same order).
    /// </summary>
    public TimeSpan PlaceOrder { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tokenizing a card is one insert at Payments; 2 s, like Catalog, leaves room for one retry.</summary>
    public TimeSpan Payments { get; set; } = TimeSpan.FromSeconds(2);
}
