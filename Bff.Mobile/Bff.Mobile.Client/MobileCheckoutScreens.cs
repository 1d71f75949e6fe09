namespace Commerce.Bff.Mobile.Client;

/// <summary>A product in the cart the phone keeps: ids and quantities only, never prices.</summary>
public sealed record CartItem(int ProductId, int Quantity);

/// <summary><c>POST /api/cart/price</c>: the cart to price with Catalog's current prices.</summary>
public sealed record PriceCartRequest(IReadOnlyList<CartItem> Items);

/// <summary>One line of a priced cart; <see cref="Image"/> is a thumbnail; <see cref="Stock"/> as on the product screen.</summary>
public sealed record CartLine(int ProductId, string Name, string Image, decimal UnitPrice, int Quantity, decimal Total, string Stock);

/// <summary>
/// The cart priced now: its lines, <see cref="Gone"/> (products no longer sold, to drop; absent when none), and the
/// total the order will cost (delivery is free). <see cref="Degraded"/> names <c>availability</c> when stock fell back.
/// </summary>
public sealed record CartScreen(
    IReadOnlyList<CartLine> Lines,
    IReadOnlyList<int>? Gone,
    string Currency,
    decimal Total,
    IReadOnlyList<string>? Degraded);

/// <summary><c>POST /api/payment-cards</c>: card details, exchanged at once for a Payments token; the BFF neither keeps nor logs them.</summary>
public sealed record SaveCardRequest(string Number, int ExpiryMonth, int ExpiryYear, string Cvc);

/// <summary>A card to pay with: its token and what to show of it.</summary>
public sealed record SavedCard(string Token, string Brand, string Last4);

/// <summary>Where an order goes; <see cref="Country"/> is an ISO 3166-1 alpha-2 code.</summary>
public sealed record DeliveryAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

/// <summary>
/// <c>POST /api/checkout</c> with an <see cref="MobileHeaders.IdempotencyKey"/>. <see cref="ExpectedTotal"/> is the
/// total the customer was shown: the BFF re-prices from Catalog and refuses with 409 <c>price-changed</c> when it no
/// longer holds.
/// </summary>
public sealed record CheckoutRequest(IReadOnlyList<CartItem> Items, DeliveryAddress Address, string CardToken, decimal ExpectedTotal);

/// <summary>201 of a checkout: the order to follow (<c>GET /api/orders/{Id}</c>).</summary>
public sealed record PlacedOrder(Guid Id, string Reference);

/// <summary>The <c>reason</c> extension of a checkout's refusals (ProblemDetails), beyond field errors (400).</summary>
public static class CheckoutRefusals
{
    /// <summary>409: Catalog's total differs from <see cref="CheckoutRequest.ExpectedTotal"/>; the <c>cart</c> extension is the cart repriced.</summary>
    public const string PriceChanged = "price-changed";

    /// <summary>422: the carrier does not deliver there; the <c>field</c> extension names the part of the address.</summary>
    public const string AddressUndeliverable = "address-undeliverable";

    /// <summary>400: some products are no longer sold (the <c>productIds</c> extension lists them).</summary>
    public const string UnknownProducts = "unknown-products";

    /// <summary>422: the same Idempotency-Key was already used for a different checkout.</summary>
    public const string IdempotencyKeyReused = "idempotency-key-reused";
}
