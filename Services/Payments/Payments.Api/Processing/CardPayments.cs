using Commerce.Messaging.Outbox;
using Commerce.Payments.Api.Data;
using Commerce.Payments.Api.Domain;
using Commerce.Payments.Contracts;
using Microsoft.Extensions.Options;

namespace Commerce.Payments.Api.Processing;

/// <summary>
/// Takes card payments for orders: authorize, capture, void and refund, each at most once per order. An operation
/// runs under the order's lock; a repeat is answered from the stored result without calling the card network again;
/// an effect, its stored result and its integration event commit in one transaction. A card network that fails or
/// does not answer in time changes nothing but the call log, so the caller may simply retry.
/// </summary>
public sealed partial class CardPayments(
    PaymentStore payments,
    ICardProcessor processor,
    Outbox outbox,
    IOptions<PaymentsOptions> options,
    TimeProvider timeProvider,
    ILogger<CardPayments> logger)
{
    public async Task<PaymentOutcome> AuthorizeAsync(Guid orderId, AuthorizePaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var transaction = await payments.LockAsync(orderId, cancellationToken);
        if (await transaction.FindPaymentAsync(cancellationToken) is { } existing)
        {
            return existing.IsSameAuthorizationAs(request)
                ? await OriginalResultAsync(transaction, orderId, PaymentOperation.Authorize, cancellationToken)
                : new PaymentOutcome.Refused(PaymentsRefusalReasons.AuthorizationDiffers, existing.Status);
        }

        if (await transaction.IsAbandonedAsync(cancellationToken))
        {
            return new PaymentOutcome.OrderAbandoned();
        }

        if (await transaction.FindCardAsync(request.Token, cancellationToken) is not { } card)
        {
            return new PaymentOutcome.UnknownToken();
        }

        var expiry = new CardExpiry(card.ExpiryMonth, card.ExpiryYear);
        var answer = await CallProcessorAsync(
            transaction,
            PaymentOperation.Authorize,
            attempt => new ProcessorRequest(orderId, card.Token, card.Last4, expiry, request.Amount, request.Currency, attempt),
            cancellationToken);
        if (answer.IsTransient)
        {
            await transaction.CommitAsync(cancellationToken);
            return new PaymentOutcome.ProcessorFailed(answer.Outcome == ProcessorOutcome.TimedOut, options.Value.ProcessorRetryAfter);
        }

        var now = Now();
        var approved = answer.Outcome == ProcessorOutcome.Approved;
        var declineReason = approved ? null : answer.DeclineReason ?? PaymentsRefusalReasons.CardDeclined;
        var payment = new Payment(
            orderId, card.Token, card.Last4, card.Brand, expiry, request.Amount, request.Currency,
            approved ? PaymentStatus.Authorized : PaymentStatus.Declined,
            declineReason,
            AuthorizedAt: approved ? now : null,
            CapturedAt: null,
            VoidedAt: null,
            RefundedAt: null);
        PaymentOutcome outcome = declineReason is null
            ? new PaymentOutcome.Completed(payment.ToDto())
            : new PaymentOutcome.Declined(declineReason, payment.ToDto());

        await transaction.InsertPaymentAsync(payment, cancellationToken);
        await transaction.SaveResultAsync(PaymentOperation.Authorize, outcome, now, cancellationToken);
        if (approved)
        {
            await PublishAsync(payment, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogCompleted(orderId, PaymentOperation.Authorize.Name(), declineReason ?? "approved");
        return outcome;
    }

    public Task<PaymentOutcome> CaptureAsync(Guid orderId, CancellationToken cancellationToken) =>
        MoveAsync(orderId, PaymentOperation.Capture, cancellationToken);

    public Task<PaymentOutcome> VoidAsync(Guid orderId, CancellationToken cancellationToken) =>
        MoveAsync(orderId, PaymentOperation.Void, cancellationToken);

    public Task<PaymentOutcome> RefundAsync(Guid orderId, CancellationToken cancellationToken) =>
        MoveAsync(orderId, PaymentOperation.Refund, cancellationToken);

    /// <summary>Capture, void or refund: a move of an existing payment along the state machine.</summary>
    private async Task<PaymentOutcome> MoveAsync(Guid orderId, PaymentOperation operation, CancellationToken cancellationToken)
    {
        await using var transaction = await payments.LockAsync(orderId, cancellationToken);
        if (await transaction.FindResultAsync(operation, cancellationToken) is { } original)
        {
            return original;
        }

        if (await transaction.FindPaymentAsync(cancellationToken) is not { } payment)
        {
            if (operation is PaymentOperation.Void or PaymentOperation.Refund)
            {
                // A compensation that overtook its authorization: nothing to undo now, and nothing may be authorized later.
                await transaction.RecordAbandonedAsync(operation, Now(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return new PaymentOutcome.NoPayment();
        }

        if (PaymentTransitions.RefusalOf(operation, payment.Status) is { } reason)
        {
            return new PaymentOutcome.Refused(reason, payment.Status);
        }

        var answer = await CallProcessorAsync(
            transaction,
            operation,
            attempt => new ProcessorRequest(orderId, payment.Token, payment.Last4, payment.Expiry, payment.Amount, payment.Currency, attempt),
            cancellationToken);
        if (answer.IsTransient)
        {
            await transaction.CommitAsync(cancellationToken);
            return new PaymentOutcome.ProcessorFailed(answer.Outcome == ProcessorOutcome.TimedOut, options.Value.ProcessorRetryAfter);
        }

        if (answer.Outcome != ProcessorOutcome.Approved)
        {
            throw new InvalidOperationException(
                $"The card network declined to {operation.Name()} order {orderId} ({answer.DeclineReason}); it must honour what it authorized.");
        }

        var now = Now();
        var moved = payment.After(operation, now);
        var outcome = new PaymentOutcome.Completed(moved.ToDto());
        await transaction.UpdatePaymentAsync(moved, cancellationToken);
        await transaction.SaveResultAsync(operation, outcome, now, cancellationToken);
        await PublishAsync(moved, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogCompleted(orderId, operation.Name(), "approved");
        return outcome;
    }

    /// <summary>The time to the microsecond, as PostgreSQL keeps it: a stored result and the payment row then agree exactly.</summary>
    private DateTimeOffset Now()
    {
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private static async Task<PaymentOutcome> OriginalResultAsync(
        PaymentTransaction transaction, Guid orderId, PaymentOperation operation, CancellationToken cancellationToken) =>
        await transaction.FindResultAsync(operation, cancellationToken)
        ?? throw new InvalidOperationException($"Order {orderId} has a payment but no stored {operation.Name()} result.");

    /// <summary>
    /// Calls the card network once, bounded by the processor timeout, and logs the call (whatever its answer) in the
    /// transaction. The attempt number comes from that log.
    /// </summary>
    private async Task<ProcessorAnswer> CallProcessorAsync(
        PaymentTransaction transaction, PaymentOperation operation, Func<int, ProcessorRequest> request, CancellationToken cancellationToken)
    {
        var attempt = await transaction.NextAttemptAsync(operation, cancellationToken);
        var sent = request(attempt);
        var calledAt = timeProvider.GetUtcNow();
        var answer = await AskProcessorAsync(operation, sent, cancellationToken);
        await transaction.RecordCallAsync(operation, attempt, answer, calledAt, timeProvider.GetUtcNow(), cancellationToken);
        if (answer.IsTransient)
        {
            LogProcessorFailed(sent.OrderId, operation.Name(), attempt, answer.Outcome);
        }

        return answer;
    }

    private async Task<ProcessorAnswer> AskProcessorAsync(PaymentOperation operation, ProcessorRequest request, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(options.Value.ProcessorTimeout, timeProvider);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var answer = operation switch
        {
            PaymentOperation.Authorize => processor.AuthorizeAsync(request, call.Token),
            PaymentOperation.Capture => processor.CaptureAsync(request, call.Token),
            PaymentOperation.Void => processor.VoidAsync(request, call.Token),
            PaymentOperation.Refund => processor.RefundAsync(request, call.Token),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };

        try
        {
            // WaitAsync stops waiting at the deadline even if the network ignores its cancellation token.
            return await answer.WaitAsync(call.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ProcessorAnswer.TimedOut;
        }
    }

    private Task PublishAsync(Payment payment, PaymentTransaction transaction, CancellationToken cancellationToken) => payment.Status switch
    {
        PaymentStatus.Authorized => outbox.EnqueueAsync(
            new PaymentAuthorized(payment.OrderId, payment.Amount, payment.Currency, payment.Last4), transaction.Transaction, cancellationToken),
        PaymentStatus.Captured => outbox.EnqueueAsync(
            new PaymentCaptured(payment.OrderId, payment.Amount, payment.Currency, payment.Last4), transaction.Transaction, cancellationToken),
        PaymentStatus.Voided => outbox.EnqueueAsync(
            new PaymentVoided(payment.OrderId, payment.Amount, payment.Currency, payment.Last4), transaction.Transaction, cancellationToken),
        PaymentStatus.Refunded => outbox.EnqueueAsync(
            new PaymentRefunded(payment.OrderId, payment.Amount, payment.Currency, payment.Last4), transaction.Transaction, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(payment), payment.Status, "A declined payment announces nothing."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment of order {OrderId}: {Operation} {Outcome}")]
    private partial void LogCompleted(Guid orderId, string operation, string? outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment of order {OrderId}: the card network failed {Operation} attempt {Attempt} ({Outcome}); the caller may retry")]
    private partial void LogProcessorFailed(Guid orderId, string operation, int attempt, ProcessorOutcome outcome);
}
