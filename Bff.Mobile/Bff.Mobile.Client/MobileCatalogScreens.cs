namespace Commerce.Bff.Mobile.Client;

/// <summary>A product as a tile of the phone's grid shows it; <see cref="Image"/> is sized for a tile (<see cref="MobileImageSizes.Tile"/>).</summary>
public sealed record ProductTile(int Id, string Name, decimal Price, string Currency, string Image);

public sealed record CategoryChip(int Id, string Name);

/// <summary><c>GET /api/home</c>: the featured products and every category.</summary>
public sealed record HomeScreen(IReadOnlyList<ProductTile> Featured, IReadOnlyList<CategoryChip> Categories);

/// <summary><c>GET /api/products</c>: one page of a browse or search; pass <see cref="Next"/> back as <c>cursor</c> (absent on the last page).</summary>
public sealed record SearchPage(IReadOnlyList<ProductTile> Items, string? Next);

/// <summary>Shipping one unit domestically: its price and the days it takes once dispatched.</summary>
public sealed record DeliveryEstimate(decimal Price, int Days);

/// <summary>
/// <c>GET /api/products/{id}</c>. <see cref="Stock"/> is one of <see cref="StockStates"/>; <see cref="Left"/> says how
/// few when it is <c>low-stock</c>. <see cref="Degraded"/> names the parts that could not be had in time
/// (<see cref="DegradedParts"/>), which then carry their fallback (<c>unknown</c> stock, no delivery); it is absent when
/// nothing fell back.
/// </summary>
public sealed record ProductScreen(
    int Id,
    string Name,
    string Description,
    string Category,
    decimal Price,
    string Currency,
    string Image,
    string Stock,
    int? Left,
    DeliveryEstimate? Delivery,
    IReadOnlyList<string>? Degraded);

public static class StockStates
{
    public const string InStock = "in-stock";
    public const string LowStock = "low-stock";
    public const string OutOfStock = "out-of-stock";
    public const string Unknown = "unknown";
}

/// <summary>The names a screen's <c>degraded</c> list uses.</summary>
public static class DegradedParts
{
    public const string Availability = "availability";
    public const string Delivery = "delivery";
}

/// <summary>
/// The widths in CSS pixels the BFF sizes image URLs for (<c>?w=</c>); the images are vectors rendered at that size,
/// so a phone downloads no more than the screen shows.
/// </summary>
public static class MobileImageSizes
{
    public const int Thumbnail = 96;
    public const int Tile = 240;
    public const int Detail = 480;
}
