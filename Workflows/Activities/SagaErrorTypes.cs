namespace Commerce.Workflows.Activities;

/// <summary>
/// The stable <c>ErrorType</c>s of the failures the activities throw. The first four are non-retryable refusals:
/// retrying cannot change the answer, so the saga compensates at once. <see cref="ParticipantUnavailable"/> is the
/// one retryable kind: Temporal's retry policy tries again until the step's schedule-to-close runs out.
/// </summary>
public static class SagaErrorTypes
{
    /// <summary>Inventory: some line asks for more than is available (409 <c>out-of-stock</c>).</summary>
    public const string OutOfStock = "OutOfStock";

    /// <summary>Payments: the card was declined (402), the authorization cannot be made (409), or the token is unknown (422).</summary>
    public const string PaymentDeclined = "PaymentDeclined";

    /// <summary>Shipping: the carrier does not deliver to the address (422 <c>address-undeliverable</c>).</summary>
    public const string AddressUndeliverable = "AddressUndeliverable";

    /// <summary>
    /// A participant refused the request for a reason no retry can change and that is not one of the business refusals
    /// above (a 400, a 404 or a 409 the step does not expect): a bug or a state only an operator can sort out.
    /// </summary>
    public const string ParticipantRejected = "ParticipantRejected";

    /// <summary>Retryable: a 5xx, a 408 or 429, a timeout or a connection failure.</summary>
    public const string ParticipantUnavailable = "ParticipantUnavailable";

    /// <summary>The refusals; also listed as non-retryable in every forward step's retry policy.</summary>
    public static readonly IReadOnlyList<string> NonRetryable = [OutOfStock, PaymentDeclined, AddressUndeliverable, ParticipantRejected];
}
