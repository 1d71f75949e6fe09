using Commerce.Testing;
using System.Diagnostics;
using System.Net;
using Commerce.Payments.Api.Processing;
using Commerce.Payments.Contracts;
using static Commerce.Payments.Tests.PaymentsTestKit;

namespace Commerce.Payments.Tests.Apis;

public sealed class AuthorizationTests(PaymentsApiFactory factory) : IClassFixture<PaymentsApiFactory>
{
    private readonly IPaymentsApi _payments = factory.CreatePaymentsClient();
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approved_card_is_authorized_and_PaymentAuthorized_carries_the_last_four_digits_but_never_the_number()
    {
        await using var probe = await ProbeAsync(factory);
        var token = await factory.TokenizeAsync(TestCards.Visa);
        var orderId = Guid.NewGuid();

        var response = await _payments.AuthorizeAsync(orderId, new AuthorizePaymentRequest(token, 49.90m, "USD"), Cancellation);

        AssertOk(response);
        var payment = response.Content!;
        Assert.Equal((orderId, PaymentStatus.Authorized, 49.90m, "USD", "4242", "visa"), (payment.OrderId, payment.Status, payment.Amount, payment.Currency, payment.Last4, payment.Brand));
        Assert.NotNull(payment.AuthorizedAt);
        Assert.Null(payment.DeclineReason);
        Assert.Equal(payment, (await _payments.GetPaymentAsync(orderId, Cancellation)).Content);

        var message = await probe.NextForAsync(orderId, TestContext.Current.CancellationToken);
        Assert.Equal(Authorized, message.RoutingKey);
        Assert.Equal(49.90m, message.Json.GetProperty("amount").GetDecimal());
        Assert.Equal("USD", message.Json.GetProperty("currency").GetString());
        Assert.Equal("4242", message.Json.GetProperty("last4").GetString());
        Assert.Equal(["amount", "currency", "last4", "orderId"], message.Json.EnumerateObject().Select(property => property.Name).Order());
        Assert.DoesNotContain(TestCards.Visa.Number, message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(token, message.Body, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> ApprovingCards => new()
    {
        { TestCards.Mastercard.Number, "mastercard", "123" },
        { TestCards.Amex.Number, "amex", "1234" },
        { "6011 1111 1111 1117", "discover", "123" },
    };

    [Theory]
    [MemberData(nameof(ApprovingCards))]
    public async Task Every_approving_card_is_authorized_with_its_brand(string number, string brand, string cvc)
    {
        var token = (await _payments.TokenizeCardAsync(new TokenizeCardRequest(number, 1, DateTime.UtcNow.Year + 1, cvc), Cancellation)).Content!.Token;

        var response = await _payments.AuthorizeAsync(Guid.NewGuid(), new AuthorizePaymentRequest(token, 5m, "EUR"), Cancellation);

        AssertOk(response);
        Assert.Equal((PaymentStatus.Authorized, brand, number[^4..]), (response.Content!.Status, response.Content.Brand, response.Content.Last4));
    }

    // The reasons as literals on purpose: they are the wire words clients branch on.
    public static TheoryData<string, string> DecliningCards => new()
    {
        { TestCards.Declined.Number, "card-declined" },
        { TestCards.InsufficientFunds.Number, "insufficient-funds" },
    };

    [Theory]
    [MemberData(nameof(DecliningCards))]
    public async Task A_declined_card_is_a_402_with_the_reason_and_its_repeat_gets_the_same_402_without_asking_the_network_again(string number, string reason)
    {
        await using var probe = await ProbeAsync(factory);
        var token = await factory.TokenizeAsync(TestCards.All.Single(card => card.Number == number));
        var orderId = Guid.NewGuid();
        var request = new AuthorizePaymentRequest(token, 120m, "USD");

        var first = await _payments.AuthorizeAsync(orderId, request, Cancellation);
        var repeat = await _payments.AuthorizeAsync(orderId, request, Cancellation);

        var firstProblem = AssertRefused(first, HttpStatusCode.PaymentRequired, reason);
        var repeatProblem = AssertRefused(repeat, HttpStatusCode.PaymentRequired, reason);
        Assert.Equal(firstProblem.GetProperty("title").GetString(), repeatProblem.GetProperty("title").GetString());
        Assert.Equal(["declined"], await factory.ProcessorCallsAsync(orderId, "authorize"));

        var payment = (await _payments.GetPaymentAsync(orderId, Cancellation)).Content!;
        Assert.Equal((PaymentStatus.Declined, reason), (payment.Status, payment.DeclineReason));
        Assert.Null(payment.AuthorizedAt);
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_transient_card_fails_with_503_twice_then_is_authorized_and_charged_exactly_once()
    {
        await using var probe = await ProbeAsync(factory);
        var token = await factory.TokenizeAsync(TestCards.FailsTransiently);
        var orderId = Guid.NewGuid();
        var request = new AuthorizePaymentRequest(token, 75.25m, "USD");

        for (var attempt = 1; attempt <= TestCards.TransientFailures; attempt++)
        {
            var failed = await _payments.AuthorizeAsync(orderId, request, Cancellation);
            AssertRefused(failed, HttpStatusCode.ServiceUnavailable, PaymentsRefusalReasons.ProcessorUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(1), failed.Headers?.RetryAfter?.Delta);
            Assert.Equal(HttpStatusCode.NotFound, (await _payments.GetPaymentAsync(orderId, Cancellation)).StatusCode);
        }

        var succeeded = await _payments.AuthorizeAsync(orderId, request, Cancellation);
        var repeated = await _payments.AuthorizeAsync(orderId, request, Cancellation);

        AssertOk(succeeded);
        Assert.Equal(PaymentStatus.Authorized, succeeded.Content!.Status);
        Assert.Equal(succeeded.Content, repeated.Content);
        Assert.Equal(["unavailable", "unavailable", "approved"], await factory.ProcessorCallsAsync(orderId, "authorize"));
        Assert.Equal(Authorized, (await probe.NextForAsync(orderId, TestContext.Current.CancellationToken)).RoutingKey);
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_card_that_never_answers_is_a_503_as_soon_as_the_processor_timeout_passes()
    {
        var token = await factory.TokenizeAsync(TestCards.TimesOut);
        var orderId = Guid.NewGuid();
        var request = new AuthorizePaymentRequest(token, 10m, "USD");

        var clock = Stopwatch.StartNew();
        var first = await _payments.AuthorizeAsync(orderId, request, Cancellation);
        clock.Stop();
        var retry = await _payments.AuthorizeAsync(orderId, request, Cancellation);

        AssertRefused(first, HttpStatusCode.ServiceUnavailable, PaymentsRefusalReasons.ProcessorTimeout);
        Assert.NotNull(first.Headers?.RetryAfter);
        Assert.InRange(clock.Elapsed, PaymentsApiFactory.ProcessorTimeout, TimeSpan.FromSeconds(5));
        AssertRefused(retry, HttpStatusCode.ServiceUnavailable, PaymentsRefusalReasons.ProcessorTimeout);
        Assert.Equal(["timed-out", "timed-out"], await factory.ProcessorCallsAsync(orderId, "authorize"));
        Assert.Equal(HttpStatusCode.NotFound, (await _payments.GetPaymentAsync(orderId, Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_repeated_authorization_answers_the_original_result_without_calling_the_network_or_publishing_again()
    {
        await using var probe = await ProbeAsync(factory);
        var token = await factory.TokenizeAsync(TestCards.Visa);
        var orderId = Guid.NewGuid();
        var request = new AuthorizePaymentRequest(token, 19.99m, "USD");
        var first = await _payments.AuthorizeAsync(orderId, request, Cancellation);
        Assert.Equal(Authorized, (await probe.NextForAsync(orderId, TestContext.Current.CancellationToken)).RoutingKey);

        // Even after the payment moved on, a repeat answers exactly what the authorization answered.
        AssertOk(await _payments.CaptureAsync(orderId, Cancellation));
        Assert.Equal(Captured, (await probe.NextForAsync(orderId, TestContext.Current.CancellationToken)).RoutingKey);
        var repeat = await _payments.AuthorizeAsync(orderId, request, Cancellation);

        AssertOk(repeat);
        Assert.Equal(first.Content, repeat.Content);
        Assert.Equal(PaymentStatus.Authorized, repeat.Content!.Status);
        Assert.Equal(["approved"], await factory.ProcessorCallsAsync(orderId, "authorize"));
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Concurrent_authorizations_of_one_order_reach_the_network_once_and_all_get_the_same_answer()
    {
        await using var probe = await ProbeAsync(factory);
        var token = await factory.TokenizeAsync(TestCards.Visa);
        var orderId = Guid.NewGuid();
        var request = new AuthorizePaymentRequest(token, 33m, "USD");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _payments.AuthorizeAsync(orderId, request, Cancellation)));

        Assert.All(responses, AssertOk);
        Assert.Single(responses.Select(response => response.Content).Distinct());
        Assert.Equal(["approved"], await factory.ProcessorCallsAsync(orderId, "authorize"));
        Assert.Equal(Authorized, (await probe.NextForAsync(orderId, TestContext.Current.CancellationToken)).RoutingKey);
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_different_authorization_for_an_order_that_has_one_is_a_409_and_changes_nothing()
    {
        var token = await factory.TokenizeAsync(TestCards.Visa);
        var otherToken = await factory.TokenizeAsync(TestCards.Visa);
        var orderId = Guid.NewGuid();
        var original = (await _payments.AuthorizeAsync(orderId, new AuthorizePaymentRequest(token, 10m, "USD"), Cancellation)).Content;

        AuthorizePaymentRequest[] different =
        [
            new(token, 11m, "USD"),
            new(token, 10m, "EUR"),
            new(otherToken, 10m, "USD"),
        ];
        foreach (var request in different)
        {
            var response = await _payments.AuthorizeAsync(orderId, request, Cancellation);
            var problem = AssertRefused(response, HttpStatusCode.Conflict, PaymentsRefusalReasons.AuthorizationDiffers);
            Assert.Equal("authorized", problem.GetProperty("paymentStatus").GetString());
        }

        Assert.Equal(original, (await _payments.GetPaymentAsync(orderId, Cancellation)).Content);
        Assert.Equal(["approved"], await factory.ProcessorCallsAsync(orderId, "authorize"));
    }

    [Fact]
    public async Task A_well_formed_token_that_was_never_issued_is_a_422_and_the_network_is_not_asked()
    {
        var orderId = Guid.NewGuid();

        var response = await _payments.AuthorizeAsync(orderId, new AuthorizePaymentRequest("tok_" + new string('0', 32), 10m, "USD"), Cancellation);

        AssertRefused(response, HttpStatusCode.UnprocessableEntity, PaymentsRefusalReasons.UnknownToken);
        Assert.Empty(await factory.ProcessorCallsAsync(orderId, "authorize"));
        Assert.Equal(HttpStatusCode.NotFound, (await _payments.GetPaymentAsync(orderId, Cancellation)).StatusCode);
    }
}
