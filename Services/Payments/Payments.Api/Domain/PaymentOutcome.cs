using Commerce.Payments.Contracts;

namespace Commerce.Payments.Api.Domain;

/// <summary>How an operation on an order's payment ended; the HTTP layer turns each kind into its status code.</summary>
public abstract record PaymentOutcome
{
    /// <summary>The operation took effect (now, or the first time if this is a repeat).</summary>
    public sealed record Completed(PaymentDto Payment) : PaymentOutcome;

    /// <summary>The card network refused the authorization. Final: a repeat gets the same answer.</summary>
    public sealed record Declined(string Reason, PaymentDto Payment) : PaymentOutcome;

    /// <summary>The payment's state does not allow the operation; nothing changed.</summary>
    public sealed record Refused(string Reason, PaymentStatus Status) : PaymentOutcome;

    public sealed record NoPayment : PaymentOutcome;

    /// <summary>The order's payment was voided or refunded before it was ever authorized: a late authorization is refused.</summary>
    public sealed record OrderAbandoned : PaymentOutcome;

    public sealed record UnknownToken : PaymentOutcome;

    /// <summary>The card network failed or did not answer in time; nothing changed and a retry after <paramref name="RetryAfter"/> may succeed.</summary>
    public sealed record ProcessorFailed(bool TimedOut, TimeSpan RetryAfter) : PaymentOutcome;
}
