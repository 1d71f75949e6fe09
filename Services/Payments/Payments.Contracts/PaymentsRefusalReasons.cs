namespace Commerce.Payments.Contracts;

/// <summary>The <c>reason</c> extension of the ProblemDetails with which Payments refuses a request, for callers to branch on.</summary>
public static class PaymentsRefusalReasons
{
    /// <summary>402: the card network declined the card (also a <see cref="PaymentDto.DeclineReason"/>).</summary>
    public const string CardDeclined = "card-declined";

    /// <summary>402: the card network declined for want of funds (also a <see cref="PaymentDto.DeclineReason"/>).</summary>
    public const string InsufficientFunds = "insufficient-funds";

    /// <summary>402: the card expired before the authorization (also a <see cref="PaymentDto.DeclineReason"/>).</summary>
    public const string ExpiredCard = "expired-card";

    /// <summary>409: the order's payment was already authorized with a different card, amount or currency.</summary>
    public const string AuthorizationDiffers = "authorization-differs";

    /// <summary>409: a void or refund for the order arrived before its authorization, so nothing will be authorized.</summary>
    public const string OrderAbandoned = "order-abandoned";

    /// <summary>409: the order's authorization was declined; nothing can follow it.</summary>
    public const string PaymentDeclined = "payment-declined";

    /// <summary>409: only a captured payment can be refunded; an authorization is voided instead.</summary>
    public const string NotCaptured = "not-captured";

    /// <summary>409: the payment was captured, so it can no longer be captured again or voided (refund it instead).</summary>
    public const string AlreadyCaptured = "already-captured";

    /// <summary>409: the payment was voided.</summary>
    public const string AlreadyVoided = "already-voided";

    /// <summary>409: the payment was refunded.</summary>
    public const string AlreadyRefunded = "already-refunded";

    /// <summary>422: no card was tokenized with the token.</summary>
    public const string UnknownToken = "unknown-token";

    /// <summary>503: the card network failed; nothing changed, retry after <c>Retry-After</c>.</summary>
    public const string ProcessorUnavailable = "processor-unavailable";

    /// <summary>503: the card network did not answer in time; nothing changed, retry after <c>Retry-After</c>.</summary>
    public const string ProcessorTimeout = "processor-timeout";
}
