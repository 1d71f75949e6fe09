using System.Net;
using System.Text;
using System.Text.Json;

using Commerce.Testing;

namespace Commerce.Payments.Tests.Apis;

/// <summary>Every client mistake is a 400 ProblemDetails whose errors name the field, and changes nothing.</summary>
public sealed class ValidationTests(PaymentsApiFactory factory) : IClassFixture<PaymentsApiFactory>
{
    private static readonly int ThisYear = DateTime.UtcNow.Year;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadCards => new()
    {
        { Card(number: "\"4242424242424241\""), "number" },
        { Card(number: "\"4242 4242 4242 424x\""), "number" },
        { Card(number: "\"42424242424\""), "number" },
        { Card(number: "\"42424242424242424242\""), "number" },
        { Card(number: "\"\""), "number" },
        { Card(number: "null"), "number" },
        { Card(number: "4242424242424242"), "number" },
        { Card(month: "0"), "expiryMonth" },
        { Card(month: "13"), "expiryMonth" },
        { Card(month: "\"June\""), "expiryMonth" },
        { Card(year: (ThisYear - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), "expiryYear" },
        { Card(year: (ThisYear + 21).ToString(System.Globalization.CultureInfo.InvariantCulture)), "expiryYear" },
        { Card(cvc: "\"12\""), "cvc" },
        { Card(cvc: "\"12345\""), "cvc" },
        { Card(cvc: "\"12a\""), "cvc" },
        { Card(cvc: "null"), "cvc" },
    };

    [Theory]
    [MemberData(nameof(BadCards))]
    public async Task A_bad_card_is_a_400_naming_the_field(string body, string field)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/payment-tokens", Json(body), Cancellation);

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
    }

    [Fact]
    public async Task A_card_that_expired_earlier_this_year_is_a_400_naming_the_month()
    {
        using var client = factory.CreateClient();
        var now = DateTime.UtcNow;
        // In January no month of this year has passed yet: last December is the latest expired card.
        var (month, year, field) = now.Month > 1 ? (now.Month - 1, now.Year, "expiryMonth") : (12, now.Year - 1, "expiryYear");

        var response = await client.PostAsync("/payment-tokens", Json(Card(month: $"{month}", year: $"{year}")), Cancellation);

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
    }

    [Fact]
    public async Task A_card_expiring_this_month_is_still_accepted()
    {
        using var client = factory.CreateClient();
        var now = DateTime.UtcNow;

        var response = await client.PostAsync("/payment-tokens", Json(Card(month: $"{now.Month}", year: $"{now.Year}")), Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string, string> BadAuthorizations => new()
    {
        { Authorization(token: "\"tok_123\""), "token" },
        { Authorization(token: "\"TOK_0123456789ABCDEF0123456789ABCDEF\""), "token" },
        { Authorization(token: "\"4242424242424242\""), "token" },
        { Authorization(token: "null"), "token" },
        { Authorization(amount: "0"), "amount" },
        { Authorization(amount: "-5"), "amount" },
        { Authorization(amount: "10.001"), "amount" },
        { Authorization(amount: "10000000000"), "amount" },
        { Authorization(amount: "\"ten\""), "amount" },
        { Authorization(currency: "\"usd\""), "currency" },
        { Authorization(currency: "\"US\""), "currency" },
        { Authorization(currency: "\"USDX\""), "currency" },
        { Authorization(currency: "null"), "currency" },
    };

    [Theory]
    [MemberData(nameof(BadAuthorizations))]
    public async Task A_bad_authorization_is_a_400_naming_the_field_and_authorizes_nothing(string body, string field)
    {
        using var client = factory.CreateClient();
        var orderId = Guid.NewGuid();

        var response = await client.PutAsync($"/payments/{orderId}", Json(body), Cancellation);

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/payments/{orderId}", Cancellation)).StatusCode);
        Assert.Empty(await factory.ProcessorCallsAsync(orderId, "authorize"));
    }

    public static TheoryData<string, string> BadOrderIds => new()
    {
        { "PUT", "/payments/not-a-guid" },
        { "PUT", $"/payments/{Guid.Empty}" },
        { "GET", "/payments/42" },
        { "GET", $"/payments/{Guid.Empty}" },
        { "POST", "/payments/not-a-guid/capture" },
        { "POST", $"/payments/{Guid.Empty}/void" },
        { "POST", $"/payments/{Guid.Empty}/refund" },
    };

    [Theory]
    [MemberData(nameof(BadOrderIds))]
    public async Task An_order_id_that_is_not_a_GUID_or_is_the_empty_GUID_is_a_400_naming_orderId(string method, string url)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(Authorization()) };

        var response = await client.SendAsync(request, Cancellation);

        await ProblemAssert.NamesFieldAsync(response, "orderId", Cancellation);
    }

    [Fact]
    public async Task An_authorization_without_a_body_is_a_400()
    {
        using var client = factory.CreateClient();

        var response = await client.PutAsync($"/payments/{Guid.NewGuid()}", Json(""), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Card(string number = "\"4242424242424242\"", string? month = null, string? year = null, string cvc = "\"123\"") =>
        $$"""{"number":{{number}},"expiryMonth":{{month ?? "12"}},"expiryYear":{{year ?? $"{ThisYear + 2}"}},"cvc":{{cvc}}}""";

    private static string Authorization(string token = "\"tok_0123456789abcdef0123456789abcdef\"", string amount = "10.00", string currency = "\"USD\"") =>
        $$"""{"token":{{token}},"amount":{{amount}},"currency":{{currency}}}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

}
