using System.Text.Json.Serialization;

namespace Commerce.Payments.Contracts;

/// <summary>
/// A card to tokenize. Spaces and hyphens in <see cref="Number"/> are ignored. The number and the CVC are checked,
/// then forgotten: neither is stored nor logged.
/// </summary>
public sealed record TokenizeCardRequest(string Number, int ExpiryMonth, int ExpiryYear, string Cvc);

/// <summary>
/// A tokenized card: what callers pass instead of the card number. <see cref="Token"/> is <c>tok_</c> followed by
/// 32 lowercase hexadecimal digits.
/// </summary>
public sealed record CardTokenDto(string Token, string Last4, string Brand, int ExpiryMonth, int ExpiryYear);

/// <summary>Authorizes <see cref="Amount"/> (at most two decimals) in <see cref="Currency"/> (ISO 4217) on a tokenized card.</summary>
public sealed record AuthorizePaymentRequest(string Token, decimal Amount, string Currency);

/// <summary>Where an order's payment stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentStatus>))]
public enum PaymentStatus
{
    [JsonStringEnumMemberName("authorized")] Authorized,
    [JsonStringEnumMemberName("captured")] Captured,
    [JsonStringEnumMemberName("voided")] Voided,
    [JsonStringEnumMemberName("refunded")] Refunded,

    /// <summary>The card network refused the authorization; see <see cref="PaymentDto.DeclineReason"/>. Final.</summary>
    [JsonStringEnumMemberName("declined")] Declined,
}

/// <summary>
/// An order's payment. Each timestamp is set when the payment reached that state; <see cref="DeclineReason"/>
/// (<c>card-declined</c>, <c>insufficient-funds</c>, <c>expired-card</c>) only when it was declined.
/// </summary>
public sealed record PaymentDto(
    Guid OrderId,
    PaymentStatus Status,
    decimal Amount,
    string Currency,
    string Last4,
    string Brand,
    string? DeclineReason,
    DateTimeOffset? AuthorizedAt,
    DateTimeOffset? CapturedAt,
    DateTimeOffset? VoidedAt,
    DateTimeOffset? RefundedAt);
