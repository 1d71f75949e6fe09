using Commerce.Workflows.Activities;

namespace Commerce.Workflows.Saga;

/// <summary>Why the saga cancelled an order, in the words the customer reads on their order.</summary>
public static class SagaReasons
{
    public const string OutOfStock = "out of stock";
    public const string PaymentDeclined = "payment declined";
    public const string AddressUndeliverable = "address undeliverable";
    public const string ParticipantUnavailable = "participant unavailable";
    public const string Rejected = "the order could not be processed";

    /// <summary>The saga was cancelled through Temporal itself (the Temporal UI's Cancel, <c>temporal workflow cancel</c>).</summary>
    public const string CancelledByOperator = "cancelled by an operator";

    /// <summary>
    /// The reason for a forward step that gave up: its refusal's error type, or, when it ran out of retries or time
    /// (no application error type, or a retryable one), "participant unavailable".
    /// </summary>
    public static string ForFailure(string? errorType) => errorType switch
    {
        SagaErrorTypes.OutOfStock => OutOfStock,
        SagaErrorTypes.PaymentDeclined => PaymentDeclined,
        SagaErrorTypes.AddressUndeliverable => AddressUndeliverable,
        SagaErrorTypes.ParticipantRejected => Rejected,
        _ => ParticipantUnavailable,
    };
}
