namespace Commerce.Ordering.Contracts;

/// <summary>The <c>reason</c> extension of the ProblemDetails with which Ordering refuses a request, for callers to branch on.</summary>
public static class OrderingRefusalReasons
{
    /// <summary>400: some products of the order are not in the catalog (the <c>productIds</c> extension lists them).</summary>
    public const string UnknownProducts = "unknown-products";

    /// <summary>422: the Idempotency-Key was already used by this customer for a different request.</summary>
    public const string IdempotencyKeyReused = "idempotency-key-reused";

    /// <summary>
    /// 422: the carrier does not deliver to the shipping address (Services/Shipping/README.md); the <c>field</c>
    /// extension names the part it objects to. The same word, and the same rules, as Shipping's refusal.
    /// </summary>
    public const string AddressUndeliverable = "address-undeliverable";

    /// <summary>422: the products are priced in different currencies, which one order cannot be charged in.</summary>
    public const string MixedCurrencies = "mixed-currencies";

    /// <summary>409: the order is confirmed, so it can no longer be cancelled.</summary>
    public const string OrderConfirmed = "order-confirmed";

    /// <summary>409: the order is cancelled, so it can no longer be confirmed (nor its cancellation requested).</summary>
    public const string OrderCancelled = "order-cancelled";
}
