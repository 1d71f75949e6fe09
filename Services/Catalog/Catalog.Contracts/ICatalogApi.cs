using Refit;

namespace Commerce.Catalog.Contracts;

/// <summary>The Catalog service's HTTP API, for Refit clients (base address <c>https+http://catalog</c>).</summary>
public interface ICatalogApi
{
    /// <summary>Products by name, or by relevance when <paramref name="q"/> is given; keyset-paged.</summary>
    [Get("/products")]
    Task<ProductPage> GetProductsAsync(
        string? cursor = null,
        int? pageSize = null,
        int? categoryId = null,
        string? q = null,
        CancellationToken cancellationToken = default);

    [Get("/products/{id}")]
    Task<IApiResponse<ProductDto>> GetProductAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The product's generated SVG image (<c>image/svg+xml</c>), as the BFFs pass it on to browsers.</summary>
    [Get("/products/{id}/image")]
    Task<HttpResponseMessage> GetProductImageAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The products among <paramref name="ids"/> that exist, ordered by id; unknown ids are left out.</summary>
    [Get("/products/by-ids")]
    Task<IReadOnlyList<ProductDto>> GetProductsByIdsAsync(
        [Query(CollectionFormat.Multi)] IEnumerable<int> ids,
        CancellationToken cancellationToken = default);

    [Put("/products/{id}/price")]
    Task<IApiResponse<ProductDto>> ChangePriceAsync(int id, [Body] ChangePriceRequest request, CancellationToken cancellationToken = default);

    [Get("/categories")]
    Task<IReadOnlyList<CategoryDto>> GetCategoriesAsync(CancellationToken cancellationToken = default);
}
