using Commerce.Testing;
using System.Net;
using Commerce.Payments.Api.Processing;
using Commerce.Payments.Contracts;
using Refit;
using static Commerce.Payments.Tests.PaymentsTestKit;

namespace Commerce.Payments.Tests.Apis;

/// <summary>Capture, void and refund: the moves after an authorization, each once per order, and every move the state machine refuses.</summary>
public sealed class PaymentLifecycleTests(PaymentsApiFactory factory) : IClassFixture<PaymentsApiFactory>
{
    private readonly IPaymentsApi _payments = factory.CreatePaymentsClient();
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Capturing_an_authorized_payment_publishes_PaymentCaptured_once_and_a_repeat_answers_the_same()
    {
        await using var probe = await ProbeAsync(factory);
        var orderId = await AuthorizedPaymentAsync(probe, 64.50m);

        var first = await _payments.CaptureAsync(orderId, Cancellation);
        var message = await probe.NextForAsync(orderId, TestContext.Current.CancellationToken);
        var repeat = await _payments.CaptureAsync(orderId, Cancellation);

        AssertOk(first);
        Assert.Equal(PaymentStatus.Captured, first.Content!.Status);
        Assert.NotNull(first.Content.CapturedAt);
        Assert.Equal(first.Content, repeat.Content);
        AssertEvent(message, Captured, orderId, 64.50m);
        Assert.Equal(["approved"], await factory.ProcessorCallsAsync(orderId, "capture"));
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Voiding_an_authorized_payment_publishes_PaymentVoided_once_and_a_repeat_answers_the_same()
    {
        await using var probe = await ProbeAsync(factory);
        var orderId = await AuthorizedPaymentAsync(probe, 12.00m);

        var first = await _payments.VoidAsync(orderId, Cancellation);
        var message = await probe.NextForAsync(orderId, TestContext.Current.CancellationToken);
        var repeat = await _payments.VoidAsync(orderId, Cancellation);

        AssertOk(first);
        Assert.Equal(PaymentStatus.Voided, first.Content!.Status);
        Assert.NotNull(first.Content.VoidedAt);
        Assert.Null(first.Content.CapturedAt);
        Assert.Equal(first.Content, repeat.Content);
        AssertEvent(message, Voided, orderId, 12.00m);
        Assert.Equal(["approved"], await factory.ProcessorCallsAsync(orderId, "void"));
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Refunding_a_captured_payment_publishes_PaymentRefunded_once_and_a_repeat_answers_the_same()
    {
        await using var probe = await ProbeAsync(factory);
        var orderId = await AuthorizedPaymentAsync(probe, 250.75m);
        AssertOk(await _payments.CaptureAsync(orderId, Cancellation));
        Assert.Equal(Captured, (await probe.NextForAsync(orderId, TestContext.Current.CancellationToken)).RoutingKey);

        var first = await _payments.RefundAsync(orderId, Cancellation);
        var message = await probe.NextForAsync(orderId, TestContext.Current.CancellationToken);
        var repeat = await _payments.RefundAsync(orderId, Cancellation);

        AssertOk(first);
        Assert.Equal(PaymentStatus.Refunded, first.Content!.Status);
        Assert.NotNull(first.Content.CapturedAt);
        Assert.NotNull(first.Content.RefundedAt);
        Assert.Equal(first.Content, repeat.Content);
        Assert.Equal(first.Content, (await _payments.GetPaymentAsync(orderId, Cancellation)).Content);
        AssertEvent(message, Refunded, orderId, 250.75m);
        Assert.Equal(["approved"], await factory.ProcessorCallsAsync(orderId, "refund"));
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_repeated_capture_answers_what_the_capture_answered_even_after_a_refund()
    {
        var orderId = await AuthorizedPaymentAsync(probe: null, 8m);
        var capture = await _payments.CaptureAsync(orderId, Cancellation);
        AssertOk(await _payments.RefundAsync(orderId, Cancellation));

        var repeat = await _payments.CaptureAsync(orderId, Cancellation);

        Assert.Equal(capture.Content, repeat.Content);
        Assert.Equal(PaymentStatus.Refunded, (await _payments.GetPaymentAsync(orderId, Cancellation)).Content!.Status);
        Assert.Equal(["approved"], await factory.ProcessorCallsAsync(orderId, "capture"));
    }

    // The reasons as literals on purpose: they are the wire words clients branch on, so a renamed constant must fail here.
    public static TheoryData<string, string, string> IllegalMoves => new()
    {
        { "authorized", "refund", "not-captured" },
        { "captured", "void", "already-captured" },
        { "voided", "capture", "already-voided" },
        { "voided", "refund", "already-voided" },
        { "refunded", "void", "already-refunded" },
        { "declined", "capture", "payment-declined" },
        { "declined", "void", "payment-declined" },
        { "declined", "refund", "payment-declined" },
    };

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public async Task A_move_the_state_machine_does_not_allow_is_a_409_with_the_reason_and_changes_nothing(string state, string move, string reason)
    {
        await using var probe = await ProbeAsync(factory);
        var orderId = await PaymentInStateAsync(probe, state);
        var before = (await _payments.GetPaymentAsync(orderId, Cancellation)).Content;

        var response = await MoveAsync(orderId, move);

        var problem = AssertRefused(response, HttpStatusCode.Conflict, reason);
        Assert.Equal(state, problem.GetProperty("paymentStatus").GetString());
        Assert.Equal(before, (await _payments.GetPaymentAsync(orderId, Cancellation)).Content);
        Assert.Empty(await factory.ProcessorCallsAsync(orderId, move));
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("capture")]
    [InlineData("void")]
    [InlineData("refund")]
    public async Task A_move_on_an_order_without_a_payment_is_a_404(string move)
    {
        var orderId = Guid.NewGuid();

        var response = await MoveAsync(orderId, move);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentHeaders?.ContentType?.MediaType);
        Assert.Empty(await factory.ProcessorCallsAsync(orderId, move));
    }

    [Theory]
    [InlineData("void")]
    [InlineData("refund")]
    public async Task An_authorization_that_arrives_after_its_compensation_is_refused_and_reaches_no_card_network(string move)
    {
        var orderId = Guid.NewGuid();
        var token = await factory.TokenizeAsync(TestCards.Visa);

        var compensation = await MoveAsync(orderId, move);
        var late = await _payments.AuthorizeAsync(orderId, new AuthorizePaymentRequest(token, 30m, "USD"), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, compensation.StatusCode);
        AssertRefused(late, HttpStatusCode.Conflict, PaymentsRefusalReasons.OrderAbandoned);
        Assert.Empty(await factory.ProcessorCallsAsync(orderId, "authorize"));
        Assert.Equal(HttpStatusCode.NotFound, (await _payments.GetPaymentAsync(orderId, Cancellation)).StatusCode);
    }

    [Fact]
    public async Task An_order_without_a_payment_is_a_404()
    {
        var response = await _payments.GetPaymentAsync(Guid.NewGuid(), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static void AssertEvent(Commerce.Testing.ProbedMessage message, string name, Guid orderId, decimal amount)
    {
        Assert.Equal(name, message.RoutingKey);
        Assert.Equal(orderId, message.Json.GetProperty("orderId").GetGuid());
        Assert.Equal(amount, message.Json.GetProperty("amount").GetDecimal());
        Assert.Equal("USD", message.Json.GetProperty("currency").GetString());
        Assert.Equal(TestCards.Visa.Number[^4..], message.Json.GetProperty("last4").GetString());
        Assert.DoesNotContain(TestCards.Visa.Number, message.Body, StringComparison.Ordinal);
    }

    /// <summary>A fresh order authorized on the Visa test card; when a probe is given, its PaymentAuthorized is consumed.</summary>
    private async Task<Guid> AuthorizedPaymentAsync(Commerce.Testing.BrokerProbe? probe, decimal amount)
    {
        var orderId = Guid.NewGuid();
        var token = await factory.TokenizeAsync(TestCards.Visa);
        AssertOk(await _payments.AuthorizeAsync(orderId, new AuthorizePaymentRequest(token, amount, "USD"), Cancellation));
        if (probe is not null)
        {
            Assert.Equal(Authorized, (await probe.NextForAsync(orderId, TestContext.Current.CancellationToken)).RoutingKey);
        }

        return orderId;
    }

    /// <summary>A fresh order whose payment is in <paramref name="state"/>, with every event that took it there consumed.</summary>
    private async Task<Guid> PaymentInStateAsync(Commerce.Testing.BrokerProbe probe, string state)
    {
        if (state == "declined")
        {
            var declined = Guid.NewGuid();
            var token = await factory.TokenizeAsync(TestCards.Declined);
            AssertRefused(
                await _payments.AuthorizeAsync(declined, new AuthorizePaymentRequest(token, 20m, "USD"), Cancellation),
                HttpStatusCode.PaymentRequired,
                PaymentsRefusalReasons.CardDeclined);
            return declined;
        }

        var orderId = await AuthorizedPaymentAsync(probe, 20m);
        string[] moves = state switch
        {
            "authorized" => [],
            "captured" => ["capture"],
            "voided" => ["void"],
            "refunded" => ["capture", "refund"],
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
        };
        foreach (var move in moves)
        {
            AssertOk(await MoveAsync(orderId, move));
            await probe.NextForAsync(orderId, TestContext.Current.CancellationToken);
        }

        return orderId;
    }

    private Task<IApiResponse<PaymentDto>> MoveAsync(Guid orderId, string move) => move switch
    {
        "capture" => _payments.CaptureAsync(orderId, Cancellation),
        "void" => _payments.VoidAsync(orderId, Cancellation),
        "refund" => _payments.RefundAsync(orderId, Cancellation),
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
    };
}
