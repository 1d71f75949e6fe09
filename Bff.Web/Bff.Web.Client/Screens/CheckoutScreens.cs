namespace Commerce.Bff.Web.Client.Screens;

/// <summary>
/// <c>POST /api/payment-cards</c>: card details, exchanged at once for a token (Payments); the BFF neither stores nor
/// logs them. The browser keeps the token for the checkout, so a retried checkout sends the same one.
/// </summary>
public sealed record SaveCardRequest(string Number, int ExpiryMonth, int ExpiryYear, string Cvc);

/// <summary>A card the customer can pay with: its token and what to show of it.</summary>
public sealed record SavedCard(string Token, string Brand, string Last4, int ExpiryMonth, int ExpiryYear);

/// <summary>Where an order goes; <see cref="Country"/> is an ISO 3166-1 alpha-2 code.</summary>
public sealed record DeliveryAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

/// <summary>
/// <c>POST /api/checkout</c> with an <see cref="StorefrontHeaders.IdempotencyKey"/>: the cart, where it goes and the
/// card token. <see cref="ExpectedTotal"/> is the total the customer was shown: the BFF re-prices from Catalog and
/// refuses with 409 (<c>price-changed</c>) when it no longer holds, so nobody pays what they did not see.
/// </summary>
public sealed record CheckoutRequest(
    IReadOnlyList<CartItem> Items,
    DeliveryAddress ShippingAddress,
    string PaymentToken,
    decimal ExpectedTotal);

/// <summary>The <c>reason</c> extension of the ProblemDetails with which checkout is refused, beyond field errors (400).</summary>
public static class CheckoutRefusalReasons
{
    /// <summary>409: Catalog's prices differ from <see cref="CheckoutRequest.ExpectedTotal"/>; the <c>cart</c> extension is the cart repriced.</summary>
    public const string PriceChanged = "price-changed";

    /// <summary>422: the carrier does not deliver there; the <c>field</c> extension names the part of the address.</summary>
    public const string AddressUndeliverable = "address-undeliverable";

    /// <summary>400: some products are no longer sold (the <c>productIds</c> extension lists them).</summary>
    public const string UnknownProducts = "unknown-products";

    /// <summary>422: the same Idempotency-Key was already used for a different checkout.</summary>
    public const string IdempotencyKeyReused = "idempotency-key-reused";
}
