namespace Commerce.Catalog.Contracts;

/// <summary>A product as the catalog sells it. <see cref="Price"/> is the current price in <see cref="Currency"/> (ISO 4217).</summary>
public sealed record ProductDto(
    int Id,
    string Sku,
    string Name,
    string Description,
    int CategoryId,
    string CategoryName,
    decimal Price,
    string Currency,
    string ImageUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One page of products. Pass <see cref="NextCursor"/> back to get the next page; null on the last page.</summary>
public sealed record ProductPage(IReadOnlyList<ProductDto> Items, string? NextCursor);

public sealed record CategoryDto(int Id, string Slug, string Name);

public sealed record ChangePriceRequest(decimal Price);
