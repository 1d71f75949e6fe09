using Refit;

namespace Commerce.Ordering.Contracts;

/// <summary>
/// The Ordering service's HTTP API, for Refit clients (base address <c>https+http://ordering</c>). Ordering is internal:
/// the BFFs pass the signed-in customer's id in the <c>X-Customer-Id</c> header, and every customer-facing call is
/// scoped to it (another customer's order is a 404). Confirm and cancel are the saga's.
/// </summary>
public interface IOrderingApi
{
    /// <summary>
    /// Places an order: 201 with the order; a repeat with the same <paramref name="idempotencyKey"/> and body returns
    /// the original 201 and creates nothing; the same key with another body is a 422 (<c>idempotency-key-reused</c>).
    /// 400 for an invalid request or unknown products (<c>unknown-products</c>), 422 for an address the carrier does not
    /// deliver to (<c>address-undeliverable</c>), 503 while Catalog is unavailable.
    /// </summary>
    [Post("/orders")]
    Task<IApiResponse<OrderDto>> PlaceOrderAsync(
        [Header("X-Customer-Id")] string customerId,
        [Header("Idempotency-Key")] string idempotencyKey,
        [Body] PlaceOrderRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>The customer's orders, newest first, keyset-paged.</summary>
    [Get("/orders")]
    Task<IApiResponse<OrderPage>> GetOrdersAsync(
        [Header("X-Customer-Id")] string customerId,
        string? cursor = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default);

    /// <summary>One of the customer's orders with its timeline; 404 when there is none or it is another customer's.</summary>
    [Get("/orders/{orderId}")]
    Task<IApiResponse<OrderDetailsDto>> GetOrderAsync(
        [Header("X-Customer-Id")] string customerId, Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows one of the customer's orders: <c>text/event-stream</c> of events named <c>order</c> whose data is the
    /// <see cref="OrderDetailsDto"/> (JSON) and whose id is the number of timeline entries — one at once, then one after
    /// every new fact; a comment line as heartbeat; the server ends the stream after a few minutes. Pass the last id
    /// received as <paramref name="lastEventId"/> to hear nothing until the next change. 404 (ProblemDetails, before any
    /// stream) when there is no such order of this customer's.
    /// </summary>
    /// <remarks>
    /// A bare <see cref="HttpResponseMessage"/>, not Refit's <c>IAsyncEnumerable</c> streaming: a relay needs the status
    /// before the first event (404 is not 503), every event's id (for Last-Event-ID) and a handle that ends the downstream
    /// request when its own client goes. Refit sends with <see cref="HttpCompletionOption.ResponseHeadersRead"/> and hands
    /// this type back unread and undisposed, whatever the status: read <c>Content</c> as a stream (SseParser), and dispose
    /// the response to close it.
    /// </remarks>
    [Get("/orders/{orderId}/live")]
    [Headers("Accept: text/event-stream")]
    Task<HttpResponseMessage> StreamOrderAsync(
        [Header("X-Customer-Id")] string customerId,
        Guid orderId,
        [Header("Last-Event-ID")] string? lastEventId = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the saga to cancel the order (it can until the shipment is created). Safe to repeat; 409 once the order is
    /// confirmed (<c>order-confirmed</c>) or cancelled (<c>order-cancelled</c>).
    /// </summary>
    [Post("/orders/{orderId}/cancellation-request")]
    Task<IApiResponse<OrderDto>> RequestCancellationAsync(
        [Header("X-Customer-Id")] string customerId,
        Guid orderId,
        [Body] RequestCancellationRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>The saga's last step. Idempotent; 409 (<c>order-cancelled</c>) for a cancelled order.</summary>
    [Post("/orders/{orderId}/confirm")]
    Task<IApiResponse<OrderDto>> ConfirmOrderAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>The saga gave up and undid every step. Idempotent (the first reason stays); 409 (<c>order-confirmed</c>) for a confirmed order.</summary>
    [Post("/orders/{orderId}/cancel")]
    Task<IApiResponse<OrderDto>> CancelOrderAsync(Guid orderId, [Body] CancelOrderRequest request, CancellationToken cancellationToken = default);

    /// <summary>Operations: recomputes every order view from the timelines (after a change to the projection, or to repair).</summary>
    [Post("/order-views/rebuild")]
    Task<IApiResponse<ViewRebuildResult>> RebuildOrderViewsAsync(CancellationToken cancellationToken = default);
}
