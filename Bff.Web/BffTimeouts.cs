namespace Commerce.Bff.Web;

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
}
