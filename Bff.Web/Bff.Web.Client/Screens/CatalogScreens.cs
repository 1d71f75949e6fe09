namespace Commerce.Bff.Web.Client.Screens;

/// <summary>A product as a grid tile shows it.</summary>
public sealed record ProductCard(int Id, string Name, string CategoryName, decimal Price, string Currency, string ImageUrl);

public sealed record CategoryLink(int Id, string Slug, string Name);

/// <summary>The home screen: featured products and every category to browse.</summary>
public sealed record HomeScreen(IReadOnlyList<ProductCard> Featured, IReadOnlyList<CategoryLink> Categories);

/// <summary>One page of a browse or search; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next one (null: last page).</summary>
public sealed record ProductListScreen(IReadOnlyList<ProductCard> Items, string? NextCursor);

/// <summary>
/// Whether the product can be ordered now: <c>in-stock</c>, <c>low-stock</c> (<see cref="Available"/> says how few),
/// <c>out-of-stock</c>, or <c>unknown</c> when Inventory did not answer in time.
/// </summary>
public sealed record Availability(string Status, int? Available)
{
    public static readonly Availability Unknown = new("unknown", null);
}

/// <summary>What shipping one unit domestically costs and how many days it takes once dispatched.</summary>
public sealed record ShippingEstimate(decimal Price, string Currency, int DeliveryDays);

/// <summary>
/// The product screen. <see cref="Degraded"/> names the parts that could not be had in time (<c>availability</c>,
/// <c>shippingEstimate</c>); those carry their fallback (<see cref="Availability.Unknown"/>, a null estimate).
/// </summary>
public sealed record ProductScreen(
    int Id,
    string Sku,
    string Name,
    string Description,
    int CategoryId,
    string CategoryName,
    decimal Price,
    string Currency,
    string ImageUrl,
    Availability Availability,
    ShippingEstimate? ShippingEstimate,
    IReadOnlyList<string> Degraded);
