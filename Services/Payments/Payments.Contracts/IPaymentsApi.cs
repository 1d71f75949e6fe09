using Refit;

namespace Commerce.Payments.Contracts;

/// <summary>
/// The Payments service's HTTP API, for Refit clients (base address <c>https+http://payments</c>). Every payment
/// operation is idempotent on the order id: a repeat answers what the first call answered and has no second effect.
/// Refusals come back as ProblemDetails with a <c>reason</c>: 402 declined (<c>card-declined</c>,
/// <c>insufficient-funds</c>, <c>expired-card</c>), 409 not possible in the payment's state, 503 the card network did
/// not answer (retry after Retry-After).
/// </summary>
public interface IPaymentsApi
{
    /// <summary>Exchanges card details for a token (201); 400 names the invalid field.</summary>
    [Post("/payment-tokens")]
    Task<IApiResponse<CardTokenDto>> TokenizeCardAsync([Body] TokenizeCardRequest request, CancellationToken cancellationToken = default);

    [Get("/payment-tokens/{token}")]
    Task<IApiResponse<CardTokenDto>> GetCardTokenAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>Authorizes the order's payment: 200, 402 declined, 409 a different authorization exists, 422 unknown token, 503 retry.</summary>
    [Put("/payments/{orderId}")]
    Task<IApiResponse<PaymentDto>> AuthorizeAsync(Guid orderId, [Body] AuthorizePaymentRequest request, CancellationToken cancellationToken = default);

    [Get("/payments/{orderId}")]
    Task<IApiResponse<PaymentDto>> GetPaymentAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>Captures an authorized payment: 200, 404, 409, 503.</summary>
    [Post("/payments/{orderId}/capture")]
    Task<IApiResponse<PaymentDto>> CaptureAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>Releases an authorized, uncaptured payment: 200, 404, 409, 503.</summary>
    [Post("/payments/{orderId}/void")]
    Task<IApiResponse<PaymentDto>> VoidAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>Refunds a captured payment in full: 200, 404, 409, 503.</summary>
    [Post("/payments/{orderId}/refund")]
    Task<IApiResponse<PaymentDto>> RefundAsync(Guid orderId, CancellationToken cancellationToken = default);
}
