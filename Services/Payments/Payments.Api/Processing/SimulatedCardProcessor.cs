using System.Diagnostics;
using Commerce.Payments.Contracts;

namespace Commerce.Payments.Api.Processing;

/// <summary>
/// A stand-in for the card network, deterministic so tests and demos can reach every outcome on purpose: the
/// outcome follows from the card (see <see cref="TestCards"/>), the attempt number and the clock, never from chance.
/// It holds no balances, so captures, voids and refunds of what it authorized always succeed.
/// </summary>
public sealed class SimulatedCardProcessor(TimeProvider timeProvider) : ICardProcessor
{
    public async Task<ProcessorAnswer> AuthorizeAsync(ProcessorRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Expiry.HasPassedAt(timeProvider.GetUtcNow()))
        {
            return ProcessorAnswer.Declined(PaymentsRefusalReasons.ExpiredCard);
        }

        switch (TestCards.BehaviourOf(request.Last4))
        {
            case TestCardBehaviour.Decline:
                return ProcessorAnswer.Declined(PaymentsRefusalReasons.CardDeclined);
            case TestCardBehaviour.DeclineForInsufficientFunds:
                return ProcessorAnswer.Declined(PaymentsRefusalReasons.InsufficientFunds);
            case TestCardBehaviour.FailTransientlyFirst when request.Attempt <= TestCards.TransientFailures:
                return ProcessorAnswer.Unavailable;
            case TestCardBehaviour.NeverAnswer:
                await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, cancellationToken);
                throw new UnreachableException("An endless delay ends only by cancellation.");
            default:
                return ProcessorAnswer.Approved;
        }
    }

    public Task<ProcessorAnswer> CaptureAsync(ProcessorRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ProcessorAnswer.Approved);

    public Task<ProcessorAnswer> VoidAsync(ProcessorRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ProcessorAnswer.Approved);

    public Task<ProcessorAnswer> RefundAsync(ProcessorRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ProcessorAnswer.Approved);
}
