using System.Net;
using Commerce.Payments.Api.Processing;
using Commerce.Payments.Contracts;

namespace Commerce.Payments.Tests.Apis;

public sealed class PaymentTokensApiTests(PaymentsApiFactory factory) : IClassFixture<PaymentsApiFactory>
{
    private readonly IPaymentsApi _payments = factory.CreatePaymentsClient();
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Cards => new()
    {
        { "4242 4242 4242 4242", "visa", "4242" },
        { "5555-5555-5555-4444", "mastercard", "4444" },
        { TestCards.Amex.Number, "amex", "0005" },
        { "2223003122003222", "mastercard", "3222" },
        { "6011111111111117", "discover", "1117" },
    };

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task Tokenizing_a_card_returns_a_token_with_its_last_four_digits_brand_and_expiry(string number, string brand, string last4)
    {
        var year = DateTime.UtcNow.Year + 3;

        var response = await _payments.TokenizeCardAsync(new TokenizeCardRequest(number, 7, year, "123"), Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var card = response.Content!;
        Assert.Matches("^tok_[0-9a-f]{32}$", card.Token);
        Assert.Equal((last4, brand, 7, year), (card.Last4, card.Brand, card.ExpiryMonth, card.ExpiryYear));
        Assert.Equal($"/payment-tokens/{card.Token}", response.Headers?.Location?.OriginalString);
        Assert.Equal(card, (await _payments.GetCardTokenAsync(card.Token, Cancellation)).Content);
    }

    [Fact]
    public async Task Tokenizing_the_same_card_twice_gives_two_different_tokens()
    {
        var request = new TokenizeCardRequest(TestCards.Visa.Number, 1, DateTime.UtcNow.Year + 1, "123");

        var first = await _payments.TokenizeCardAsync(request, Cancellation);
        var second = await _payments.TokenizeCardAsync(request, Cancellation);

        Assert.NotEqual(first.Content!.Token, second.Content!.Token);
    }

    [Theory]
    [InlineData("tok_0123456789abcdef0123456789abcdef")]
    [InlineData("not-a-token")]
    public async Task A_token_that_was_never_issued_is_a_404(string token)
    {
        var response = await _payments.GetCardTokenAsync(token, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
