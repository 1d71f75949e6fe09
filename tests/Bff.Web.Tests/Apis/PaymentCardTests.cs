using System.Net;
using System.Net.Http.Json;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Testing;

namespace Commerce.Bff.Web.Tests.Apis;

public sealed class PaymentCardTests(Downstream downstream)
{
    // A Visa test number and a CVC unlikely to turn up in a log by chance (a port, a duration).
    private const string CardNumber = "4111 1111 1111 1111";
    private const string CardDigits = "4111111111111111";
    private const string Cvc = "9173";

    [Fact]
    public async Task A_card_is_exchanged_for_a_payments_token_and_neither_its_number_nor_its_cvc_is_logged()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var year = DateTime.UtcNow.Year + 3;

        var response = await customer.SendAsync(customer.Post("/api/payment-cards", new SaveCardRequest(CardNumber, 7, year, Cvc)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var card = (await response.Content.ReadFromJsonAsync<SavedCard>(cancellationToken))!;
        Assert.Matches("^tok_[0-9a-f]{32}$", card.Token);
        Assert.Equal(("1111", 7, year), (card.Last4, card.ExpiryMonth, card.ExpiryYear));
        var kept = (await downstream.PaymentsClient().GetCardTokenAsync(card.Token, cancellationToken)).Content!;
        Assert.Equal((kept.Last4, kept.Brand), (card.Last4, card.Brand));
        AssertNoCardInLogs(bff);
    }

    [Theory]
    [InlineData("4111 1111 1111 1112", 7, "9173", "number")]
    [InlineData(CardNumber, 13, "9173", "expiryMonth")]
    [InlineData(CardNumber, 7, "91", "cvc")]
    public async Task Payments_field_errors_are_a_400_naming_the_field_and_the_card_is_not_logged(string number, int month, string cvc, string field)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();

        var response = await customer.SendAsync(customer.Post("/api/payment-cards", new SaveCardRequest(number, month, DateTime.UtcNow.Year + 3, cvc)));

        await ProblemAssert.NamesFieldAsync(response, field, cancellationToken);
        Assert.DoesNotContain(number.Replace(" ", "", StringComparison.Ordinal), await response.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
        AssertNoCardInLogs(bff);
    }

    [Theory]
    [InlineData(Fault.Failing)]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.Stopped)]
    public async Task Without_payments_a_card_cannot_be_saved_a_503_with_retry_after_whose_log_holds_no_card(Fault fault)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        bff.Faults["payments"] = fault;

        var response = await customer.SendAsync(customer.Post("/api/payment-cards", new SaveCardRequest(CardNumber, 7, DateTime.UtcNow.Year + 3, Cvc)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Contains(bff.Logs.Records, record => record.Message.Contains("tokeniz", StringComparison.Ordinal));
        AssertNoCardInLogs(bff);
    }

    private static void AssertNoCardInLogs(BffFactory bff) => Assert.All(bff.Logs.Records, record =>
    {
        var text = record.Message + record.Exception;
        Assert.DoesNotContain(CardDigits, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(Cvc, text, StringComparison.Ordinal);
    });
}
