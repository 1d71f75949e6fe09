using Commerce.Payments.Contracts;
using Commerce.Workflows.Activities;

namespace Commerce.Workflows.Tests.Activities;

public sealed class PaymentActivitiesTests(Participants participants) : IDisposable
{
    // Payments' test cards (Services/Payments/README.md).
    private const string ApprovedCard = "4242 4242 4242 4242";
    private const string DeclinedCard = "4000 0000 0000 0002";
    private const string FailsTwiceCard = "4000 0000 0000 0119";
    private const string NeverAnswersCard = "4000 0000 0000 0127";

    private readonly WorkerServices _worker = new(participants.CreateWorkerServices());

    private PaymentActivities Activities => _worker.Get<PaymentActivities>();

    [Fact]
    public async Task Authorizing_with_an_approved_card_succeeds()
    {
        var input = await InputAsync(Guid.NewGuid(), ApprovedCard);

        await ActivityRun.SucceedsAsync(() => Activities.AuthorizePaymentAsync(input));

        Assert.Equal(PaymentStatus.Authorized, (await PaymentOf(input.OrderId)).Status);
    }

    [Fact]
    public async Task A_declined_card_is_the_non_retryable_PaymentDeclined_refusal()
    {
        var input = await InputAsync(Guid.NewGuid(), DeclinedCard);

        var failure = await ActivityRun.IsRefusedAsync(SagaErrorTypes.PaymentDeclined, () => Activities.AuthorizePaymentAsync(input));

        Assert.Contains(PaymentsRefusalReasons.CardDeclined, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_Payments_never_issued_is_the_non_retryable_PaymentDeclined_refusal()
    {
        var input = new AuthorizePaymentInput(Guid.NewGuid(), "tok_" + Guid.NewGuid().ToString("N"), 10m, "USD");

        var failure = await ActivityRun.IsRefusedAsync(SagaErrorTypes.PaymentDeclined, () => Activities.AuthorizePaymentAsync(input));

        Assert.Contains(PaymentsRefusalReasons.UnknownToken, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authorization_overtaken_by_its_compensation_is_the_non_retryable_PaymentDeclined_refusal()
    {
        var input = await InputAsync(Guid.NewGuid(), ApprovedCard);
        await ActivityRun.SucceedsAsync(() => Activities.UndoPaymentAsync(input.OrderId));

        var failure = await ActivityRun.IsRefusedAsync(SagaErrorTypes.PaymentDeclined, () => Activities.AuthorizePaymentAsync(input));

        Assert.Contains(PaymentsRefusalReasons.OrderAbandoned, failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, await participants.ProcessorCallsAsync(input.OrderId));
    }

    [Fact]
    public async Task A_card_network_outage_is_retryable_and_each_attempt_reaches_the_network_once()
    {
        var input = await InputAsync(Guid.NewGuid(), FailsTwiceCard);

        // Each activity attempt is one HTTP request: no retry handler of the client's own hides the 503 from Temporal.
        var first = await ActivityRun.IsRetryableAsync(() => Activities.AuthorizePaymentAsync(input));
        Assert.Equal(1, await participants.ProcessorCallsAsync(input.OrderId));
        Assert.Equal(TimeSpan.FromSeconds(1), first.NextRetryDelay);
        await ActivityRun.IsRetryableAsync(() => Activities.AuthorizePaymentAsync(input));
        await ActivityRun.SucceedsAsync(() => Activities.AuthorizePaymentAsync(input));

        Assert.Equal(3, await participants.ProcessorCallsAsync(input.OrderId));
        Assert.Equal(PaymentStatus.Authorized, (await PaymentOf(input.OrderId)).Status);
    }

    [Fact]
    public async Task A_card_network_that_never_answers_is_retryable()
    {
        var input = await InputAsync(Guid.NewGuid(), NeverAnswersCard);

        await ActivityRun.IsRetryableAsync(() => Activities.AuthorizePaymentAsync(input));
    }

    [Fact]
    public async Task Capturing_an_authorized_payment_succeeds_and_capturing_again_too()
    {
        var input = await InputAsync(Guid.NewGuid(), ApprovedCard);
        await ActivityRun.SucceedsAsync(() => Activities.AuthorizePaymentAsync(input));

        await ActivityRun.SucceedsAsync(() => Activities.CapturePaymentAsync(input.OrderId));
        await ActivityRun.SucceedsAsync(() => Activities.CapturePaymentAsync(input.OrderId));

        Assert.Equal(PaymentStatus.Captured, (await PaymentOf(input.OrderId)).Status);
    }

    [Fact]
    public async Task Capturing_a_payment_that_does_not_exist_is_rejected_without_retry()
    {
        await ActivityRun.IsRefusedAsync(SagaErrorTypes.ParticipantRejected, () => Activities.CapturePaymentAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Undoing_a_payment_that_never_happened_succeeds()
    {
        await ActivityRun.SucceedsAsync(() => Activities.UndoPaymentAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Undoing_an_authorized_payment_voids_it_and_undoing_again_succeeds()
    {
        var input = await InputAsync(Guid.NewGuid(), ApprovedCard);
        await ActivityRun.SucceedsAsync(() => Activities.AuthorizePaymentAsync(input));

        await ActivityRun.SucceedsAsync(() => Activities.UndoPaymentAsync(input.OrderId));
        await ActivityRun.SucceedsAsync(() => Activities.UndoPaymentAsync(input.OrderId));

        Assert.Equal(PaymentStatus.Voided, (await PaymentOf(input.OrderId)).Status);
    }

    [Fact]
    public async Task Undoing_a_captured_payment_refunds_it()
    {
        var input = await InputAsync(Guid.NewGuid(), ApprovedCard);
        await ActivityRun.SucceedsAsync(() => Activities.AuthorizePaymentAsync(input));
        await ActivityRun.SucceedsAsync(() => Activities.CapturePaymentAsync(input.OrderId));

        await ActivityRun.SucceedsAsync(() => Activities.UndoPaymentAsync(input.OrderId));
        await ActivityRun.SucceedsAsync(() => Activities.UndoPaymentAsync(input.OrderId));

        Assert.Equal(PaymentStatus.Refunded, (await PaymentOf(input.OrderId)).Status);
    }

    [Fact]
    public async Task Undoing_a_declined_payment_succeeds()
    {
        var input = await InputAsync(Guid.NewGuid(), DeclinedCard);
        await ActivityRun.IsRefusedAsync(SagaErrorTypes.PaymentDeclined, () => Activities.AuthorizePaymentAsync(input));

        await ActivityRun.SucceedsAsync(() => Activities.UndoPaymentAsync(input.OrderId));
    }

    private async Task<AuthorizePaymentInput> InputAsync(Guid orderId, string card) =>
        new(orderId, await participants.TokenizeAsync(card), 49.90m, "USD");

    private async Task<PaymentDto> PaymentOf(Guid orderId)
    {
        var response = await participants.PaymentsClient().GetPaymentAsync(orderId, TestContext.Current.CancellationToken);
        return response.Content ?? throw new InvalidOperationException($"No payment for order {orderId}: {response.StatusCode}");
    }

    public void Dispose() => _worker.Dispose();
}
