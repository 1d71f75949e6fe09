using Commerce.Payments.Contracts;

namespace Commerce.Payments.Api.Domain;

/// <summary>An order's payment as this service keeps it: the card by token and last four digits, never by number.</summary>
public sealed record Payment(
    Guid OrderId,
    string Token,
    string Last4,
    string Brand,
    CardExpiry Expiry,
    decimal Amount,
    string Currency,
    PaymentStatus Status,
    string? DeclineReason,
    DateTimeOffset? AuthorizedAt,
    DateTimeOffset? CapturedAt,
    DateTimeOffset? VoidedAt,
    DateTimeOffset? RefundedAt)
{
    /// <summary>True when a repeated authorization asks for exactly what this one was asked for.</summary>
    public bool IsSameAuthorizationAs(AuthorizePaymentRequest request) =>
        Token == request.Token && Amount == request.Amount && Currency == request.Currency;

    /// <summary>This payment after <paramref name="operation"/> succeeded at <paramref name="at"/>.</summary>
    public Payment After(PaymentOperation operation, DateTimeOffset at) => operation switch
    {
        PaymentOperation.Capture => this with { Status = PaymentStatus.Captured, CapturedAt = at },
        PaymentOperation.Void => this with { Status = PaymentStatus.Voided, VoidedAt = at },
        PaymentOperation.Refund => this with { Status = PaymentStatus.Refunded, RefundedAt = at },
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "An authorization creates a payment."),
    };

    public PaymentDto ToDto() =>
        new(OrderId, Status, Amount, Currency, Last4, Brand, DeclineReason, AuthorizedAt, CapturedAt, VoidedAt, RefundedAt);
}
