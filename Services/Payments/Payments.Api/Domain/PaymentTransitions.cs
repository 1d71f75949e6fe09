using Commerce.Payments.Contracts;

namespace Commerce.Payments.Api.Domain;

/// <summary>
/// The payment state machine: authorized → captured → refunded, or authorized → voided. A declined authorization
/// is final. Every other move is refused with a machine-readable reason that says why.
/// </summary>
public static class PaymentTransitions
{
    /// <summary>
    /// Null when <paramref name="operation"/> (capture, void or refund) may run on a payment in <paramref name="current"/>;
    /// else why not. An authorization is not a move: it creates the payment.
    /// </summary>
    public static string? RefusalOf(PaymentOperation operation, PaymentStatus current) => (operation, current) switch
    {
        (PaymentOperation.Authorize, _) => throw new ArgumentOutOfRangeException(nameof(operation), operation, "An authorization is not a move."),
        (PaymentOperation.Capture, PaymentStatus.Authorized) => null,
        (PaymentOperation.Void, PaymentStatus.Authorized) => null,
        (PaymentOperation.Refund, PaymentStatus.Captured) => null,
        (_, PaymentStatus.Declined) => PaymentsRefusalReasons.PaymentDeclined,
        (PaymentOperation.Refund, PaymentStatus.Authorized) => PaymentsRefusalReasons.NotCaptured,
        (_, PaymentStatus.Captured) => PaymentsRefusalReasons.AlreadyCaptured,
        (_, PaymentStatus.Voided) => PaymentsRefusalReasons.AlreadyVoided,
        (_, PaymentStatus.Refunded) => PaymentsRefusalReasons.AlreadyRefunded,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
