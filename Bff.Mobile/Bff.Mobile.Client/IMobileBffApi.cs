using Refit;

namespace Commerce.Bff.Mobile.Client;

/// <summary>
/// The mobile BFF, one call per screen. Every call but the catalog reads needs <c>Authorization: Bearer</c> with an
/// access token Identity issued for the <c>bff-mobile</c> audience (give Refit an <c>AuthorizationHeaderValueGetter</c>
/// or a delegating handler). Each GET takes the ETag of the copy the app holds and answers 304 when it is still current,
/// so read <see cref="IApiResponse{T}"/>'s status before its content. Errors are RFC 9457 ProblemDetails.
/// </summary>
public interface IMobileBffApi
{
    [Get("/api/home")]
    Task<IApiResponse<HomeScreen>> GetHomeAsync(
        [Header(MobileHeaders.IfNoneMatch)] string? ifNoneMatch = null, CancellationToken cancellationToken = default);

    /// <summary>Browse a category or search (<paramref name="q"/>), by relevance when searching, else by name.</summary>
    [Get("/api/products")]
    Task<IApiResponse<SearchPage>> SearchAsync(
        string? q = null,
        int? categoryId = null,
        string? cursor = null,
        [Header(MobileHeaders.IfNoneMatch)] string? ifNoneMatch = null,
        CancellationToken cancellationToken = default);

    [Get("/api/products/{id}")]
    Task<IApiResponse<ProductScreen>> GetProductAsync(
        int id, [Header(MobileHeaders.IfNoneMatch)] string? ifNoneMatch = null, CancellationToken cancellationToken = default);

    [Post("/api/cart/price")]
    Task<IApiResponse<CartScreen>> PriceCartAsync([Body] PriceCartRequest request, CancellationToken cancellationToken = default);

    [Post("/api/payment-cards")]
    Task<IApiResponse<SavedCard>> SaveCardAsync([Body] SaveCardRequest request, CancellationToken cancellationToken = default);

    [Post("/api/checkout")]
    Task<IApiResponse<PlacedOrder>> CheckoutAsync(
        [Header(MobileHeaders.IdempotencyKey)] string idempotencyKey,
        [Body] CheckoutRequest request,
        CancellationToken cancellationToken = default);

    [Get("/api/orders")]
    Task<IApiResponse<OrdersScreen>> GetOrdersAsync(
        string? cursor = null, [Header(MobileHeaders.IfNoneMatch)] string? ifNoneMatch = null, CancellationToken cancellationToken = default);

    [Get("/api/orders/{id}")]
    Task<IApiResponse<OrderScreen>> GetOrderAsync(
        Guid id, [Header(MobileHeaders.IfNoneMatch)] string? ifNoneMatch = null, CancellationToken cancellationToken = default);

    /// <summary>202 with the order as it now stands; 409 with Ordering's <c>reason</c> when it can no longer be cancelled.</summary>
    [Post("/api/orders/{id}/cancellation")]
    Task<IApiResponse<OrderScreen>> RequestCancellationAsync(
        Guid id, [Body] CancelOrderRequest request, CancellationToken cancellationToken = default);
}
