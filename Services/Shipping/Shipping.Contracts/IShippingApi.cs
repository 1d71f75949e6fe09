using Refit;

namespace Commerce.Shipping.Contracts;

/// <summary>
/// The Shipping service's HTTP API, for Refit clients (base address <c>https+http://shipping</c>). Refusals come back
/// as ProblemDetails with a <c>reason</c> extension: <c>address-undeliverable</c> (422), <c>shipment-mismatch</c>,
/// <c>shipment-cancelled</c> and <c>already-dispatched</c> (409).
/// </summary>
public interface IShippingApi
{
    /// <summary>The price and delivery estimate for a parcel; 422 when the address cannot be delivered to.</summary>
    [Post("/quotes")]
    Task<IApiResponse<ShippingQuote>> QuoteAsync([Body] QuoteRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the order's shipment: 201 the first time, 200 with the same shipment on a repeat of the same request,
    /// 409 when the order already has a different shipment or its shipment was cancelled, 422 when undeliverable.
    /// </summary>
    [Put("/shipments/{orderId}")]
    Task<IApiResponse<ShipmentDto>> CreateShipmentAsync(Guid orderId, [Body] CreateShipmentRequest request, CancellationToken cancellationToken = default);

    [Get("/shipments/{orderId}")]
    Task<IApiResponse<ShipmentDto>> GetShipmentAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels the order's shipment unless it was dispatched (409 <c>already-dispatched</c>). Safe to repeat, and safe
    /// for an order that has no shipment: that is a 204 with no content.
    /// </summary>
    [Post("/shipments/{orderId}/cancel")]
    Task<IApiResponse<ShipmentDto>> CancelShipmentAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>Records that the parcel left the warehouse; safe to repeat; 404 if unknown, 409 <c>shipment-cancelled</c> if cancelled.</summary>
    [Post("/shipments/{orderId}/dispatch")]
    Task<IApiResponse<ShipmentDto>> DispatchShipmentAsync(Guid orderId, CancellationToken cancellationToken = default);
}
