using Refit;

namespace Commerce.Inventory.Contracts;

/// <summary>
/// The Inventory service's HTTP API, for Refit clients (base address <c>https+http://inventory</c>). Reserve, release
/// and commit are idempotent on the order id; their 409s carry an <see cref="InventoryProblem"/>
/// (<c>await response.Error.GetContentAsAsync&lt;InventoryProblem&gt;()</c>).
/// </summary>
public interface IInventoryApi
{
    /// <summary>Stock of each distinct product asked for (1–100 ids), ordered by id; unknown products report zeros.</summary>
    [Get("/stock")]
    Task<IReadOnlyList<StockLevelDto>> GetStockLevelsAsync(
        [Query(CollectionFormat.Multi)] IEnumerable<int> productIds,
        CancellationToken cancellationToken = default);

    /// <summary>Holds every line for the order, or none (409 <c>out-of-stock</c>). A repeat answers what the first call did.</summary>
    [Put("/reservations/{orderId}")]
    Task<IApiResponse<ReservationDto>> ReserveAsync(Guid orderId, [Body] ReserveStockRequest request, CancellationToken cancellationToken = default);

    /// <summary>The order's reservation, or 404.</summary>
    [Get("/reservations/{orderId}")]
    Task<IApiResponse<ReservationDto>> GetReservationAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>Returns the held units to stock. Succeeds for an unknown or already released reservation; 409 once committed.</summary>
    [Delete("/reservations/{orderId}")]
    Task<IApiResponse<ReservationDto>> ReleaseAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>On shipment: the held units leave stock for good. Succeeds again once committed; 404 unknown; 409 released or refused.</summary>
    [Post("/reservations/{orderId}/commit")]
    Task<IApiResponse<ReservationDto>> CommitAsync(Guid orderId, CancellationToken cancellationToken = default);
}
