using System.Net;
using System.Net.Http.Json;
using Commerce.Bff.Mobile.Client;

namespace Commerce.Bff.Mobile.Tests.Edge;

public sealed class BearerTokenTests(Downstream downstream)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_from_the_apps_own_sign_in_opens_the_customers_screens()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();

        var response = await customer.Api.GetOrdersAsync(cancellationToken: Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content!.Items);
    }

    [Fact]
    public async Task A_token_identity_issued_for_the_web_bff_is_refused_with_a_401_problem()
    {
        await using var bff = new MobileBffFactory(downstream);
        var account = await downstream.Identity.RegisterCustomerAsync();
        using var browser = new SiteBrowser(new Dictionary<string, HttpMessageHandler> { [IdentityService.Authority.Host] = downstream.Identity.Server.CreateHandler() });
        var webTokens = await CodeFlow.SignInAsync(browser, IdentityClient.Web, account);
        await downstream.PlaceOrderAsync(account.Id);

        await AssertRefusedAsync(bff, bff.CreateClient(webTokens.AccessToken));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZGEiLCJhdWQiOiJiZmYtbW9iaWxlIn0.")]
    public async Task A_call_without_a_valid_token_is_refused_with_a_401_problem(string? token)
    {
        await using var bff = new MobileBffFactory(downstream);

        await AssertRefusedAsync(bff, bff.CreateClient(token));
    }

    /// <summary>Every endpoint that needs a customer refuses the client, and Ordering and Payments hear nothing of it.</summary>
    private static async Task AssertRefusedAsync(MobileBffFactory bff, HttpClient client)
    {
        var order = Guid.NewGuid();
        var checkout = new HttpRequestMessage(HttpMethod.Post, "/api/checkout")
        {
            Content = JsonContent.Create(new CheckoutRequest([new(1, 1)], new("A", "1 Main Street", null, "Springfield", "94105", "US"), "tok_0123456789abcdef0123456789abcdef", 1m)),
        };
        checkout.Headers.Add(MobileHeaders.IdempotencyKey, Guid.NewGuid().ToString());
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "/api/orders"),
            new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{order}"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{order}/cancellation") { Content = JsonContent.Create(new CancelOrderRequest(null)) },
            new HttpRequestMessage(HttpMethod.Post, "/api/payment-cards") { Content = JsonContent.Create(new SaveCardRequest("4242 4242 4242 4242", 12, 2031, "123")) },
            checkout,
        })
        {
            using var response = await client.SendAsync(request, Cancellation);

            var body = await response.Content.ReadAsStringAsync(Cancellation);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {body}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{request.Method} {request.RequestUri}: not a ProblemDetails: '{body}'");
            Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        }

        Assert.Equal(0, bff.Network.RequestsTo("ordering") + bff.Network.RequestsTo("payments"));
    }
}
