using Commerce.Payments.Api.Domain;

namespace Commerce.Payments.Api.Processing;

/// <summary>
/// The card network (processor and acquirer) that actually moves money: the one true external of this service.
/// Calls may be slow or fail; the caller bounds each one with <see cref="PaymentsOptions.ProcessorTimeout"/>.
/// A network honours what it authorized, so a capture, void or refund of an approved authorization is answered
/// <see cref="ProcessorOutcome.Approved"/> or <see cref="ProcessorOutcome.Unavailable"/>, never declined.
/// </summary>
public interface ICardProcessor
{
    Task<ProcessorAnswer> AuthorizeAsync(ProcessorRequest request, CancellationToken cancellationToken);

    Task<ProcessorAnswer> CaptureAsync(ProcessorRequest request, CancellationToken cancellationToken);

    Task<ProcessorAnswer> VoidAsync(ProcessorRequest request, CancellationToken cancellationToken);

    Task<ProcessorAnswer> RefundAsync(ProcessorRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// One operation on one order's payment, as the network receives it: the card by token and last four digits.
/// <see cref="Attempt"/> counts this service's tries of the same operation for the order (1 for the first); the
/// network sees them as retries under one idempotency key, the order id.
/// </summary>
public sealed record ProcessorRequest(Guid OrderId, string Token, string Last4, CardExpiry Expiry, decimal Amount, string Currency, int Attempt);

public enum ProcessorOutcome
{
    Approved,
    Declined,

    /// <summary>The network answered that it cannot process the request right now: worth retrying.</summary>
    Unavailable,

    /// <summary>No answer came within the processor timeout (set by the caller, never by a network): worth retrying.</summary>
    TimedOut,
}

/// <summary>The network's answer; <see cref="DeclineReason"/> is set only when it declined.</summary>
public sealed record ProcessorAnswer(ProcessorOutcome Outcome, string? DeclineReason = null)
{
    public static ProcessorAnswer Approved { get; } = new(ProcessorOutcome.Approved);

    public static ProcessorAnswer Unavailable { get; } = new(ProcessorOutcome.Unavailable);

    public static ProcessorAnswer TimedOut { get; } = new(ProcessorOutcome.TimedOut);

    public static ProcessorAnswer Declined(string reason) => new(ProcessorOutcome.Declined, reason);

    public bool IsTransient => Outcome is ProcessorOutcome.Unavailable or ProcessorOutcome.TimedOut;
}
