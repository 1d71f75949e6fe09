using Commerce.Payments.Api.Domain;
using Commerce.Payments.Api.Processing;
using Commerce.Payments.Contracts;

namespace Commerce.Payments.Tests.Processing;

public sealed class SimulatedCardProcessorTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 15, 9, 30, 0, TimeSpan.Zero);
    private static readonly CardExpiry NextYear = new(6, 2031);

    private readonly SimulatedCardProcessor _processor = new(new FixedClock(Now));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, ProcessorOutcome, string?> FirstAttempts => new()
    {
        { TestCards.Visa.Number, ProcessorOutcome.Approved, null },
        { TestCards.Mastercard.Number, ProcessorOutcome.Approved, null },
        { TestCards.Amex.Number, ProcessorOutcome.Approved, null },
        { "6011111111111117", ProcessorOutcome.Approved, null },
        { TestCards.Declined.Number, ProcessorOutcome.Declined, PaymentsRefusalReasons.CardDeclined },
        { TestCards.InsufficientFunds.Number, ProcessorOutcome.Declined, PaymentsRefusalReasons.InsufficientFunds },
        { TestCards.FailsTransiently.Number, ProcessorOutcome.Unavailable, null },
    };

    [Theory]
    [MemberData(nameof(FirstAttempts))]
    public async Task Each_test_card_gets_its_documented_answer(string number, ProcessorOutcome outcome, string? reason)
    {
        var answer = await _processor.AuthorizeAsync(Request(number, attempt: 1), Cancellation);

        Assert.Equal(new ProcessorAnswer(outcome, reason), answer);
    }

    [Fact]
    public async Task The_transient_card_fails_its_first_attempts_and_is_approved_after_them()
    {
        var outcomes = new List<ProcessorOutcome>();
        for (var attempt = 1; attempt <= TestCards.TransientFailures + 2; attempt++)
        {
            outcomes.Add((await _processor.AuthorizeAsync(Request(TestCards.FailsTransiently.Number, attempt), Cancellation)).Outcome);
        }

        Assert.Equal(
            [ProcessorOutcome.Unavailable, ProcessorOutcome.Unavailable, ProcessorOutcome.Approved, ProcessorOutcome.Approved],
            outcomes);
    }

    [Fact]
    public async Task The_card_that_never_answers_waits_until_the_caller_gives_up()
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var call = _processor.AuthorizeAsync(Request(TestCards.TimesOut.Number, attempt: 1), giveUp.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task A_card_past_its_expiry_is_declined_as_expired()
    {
        var lastMonth = new CardExpiry(5, 2030);

        var answer = await _processor.AuthorizeAsync(Request(TestCards.Visa.Number, attempt: 1) with { Expiry = lastMonth }, Cancellation);

        Assert.Equal(ProcessorAnswer.Declined(PaymentsRefusalReasons.ExpiredCard), answer);
    }

    [Fact]
    public async Task Captures_voids_and_refunds_are_always_approved()
    {
        var request = Request(TestCards.Visa.Number, attempt: 1);

        Assert.Equal(ProcessorAnswer.Approved, await _processor.CaptureAsync(request, Cancellation));
        Assert.Equal(ProcessorAnswer.Approved, await _processor.VoidAsync(request, Cancellation));
        Assert.Equal(ProcessorAnswer.Approved, await _processor.RefundAsync(request, Cancellation));
    }

    private static ProcessorRequest Request(string number, int attempt) =>
        new(Guid.NewGuid(), CardToken.New(), number[^4..], NextYear, 10m, "USD", attempt);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
