namespace Commerce.Payments.Api.Processing;

/// <summary>Settings of the Payments service (configuration section <c>Payments</c>).</summary>
public sealed class PaymentsOptions
{
    /// <summary>
    /// How long one call to the card network may take before it counts as a transient failure (answered 503 with
    /// Retry-After). The order stays locked meanwhile, so keep it short.
    /// </summary>
    public TimeSpan ProcessorTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What a 503 tells the caller to wait before retrying after the card network failed or did not answer.</summary>
    public TimeSpan ProcessorRetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}
