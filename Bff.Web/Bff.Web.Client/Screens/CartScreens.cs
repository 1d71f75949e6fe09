namespace Commerce.Bff.Web.Client.Screens;

/// <summary>A product in the cart the browser keeps (local storage): ids and quantities only, never prices.</summary>
public sealed record CartItem(int ProductId, int Quantity);

/// <summary><c>POST /api/cart/price</c>: the cart to price with Catalog's current prices.</summary>
public sealed record PriceCartRequest(IReadOnlyList<CartItem> Items);

/// <summary>One line of a priced cart; <see cref="Availability"/> as on the product screen.</summary>
public sealed record CartLine(
    int ProductId,
    string Name,
    string ImageUrl,
    decimal UnitPrice,
    int Quantity,
    decimal LineTotal,
    Availability Availability);

/// <summary>
/// The cart priced now. <see cref="UnavailableProductIds"/> are items the catalog no longer sells (the storefront drops
/// them from the cart); <see cref="Total"/> is what the order will cost (delivery is free); <see cref="Degraded"/> names
/// parts that fell back (<c>availability</c>).
/// </summary>
public sealed record CartScreen(
    IReadOnlyList<CartLine> Lines,
    IReadOnlyList<int> UnavailableProductIds,
    string Currency,
    decimal Total,
    IReadOnlyList<string> Degraded);
