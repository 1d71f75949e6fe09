using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Commerce.Identity.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.Identity.Tests.Oidc;

public sealed class AccessTokenRefusalTests(AccessTokenRefusalTests.ClockedProvider provider) : IClassFixture<AccessTokenRefusalTests.ClockedProvider>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_for_the_web_BFF_is_refused_by_a_resource_server_that_expects_the_mobile_audience()
    {
        var web = await SignInAsync(OidcClient.BffWeb(provider));

        var asMobile = await new ResourceServer(provider.CreateClient(), IdentityAudiences.BffMobile).ValidateAsync(web.AccessToken!);
        var asWeb = await new ResourceServer(provider.CreateClient(), IdentityAudiences.BffWeb).ValidateAsync(web.AccessToken!);

        Assert.False(asMobile.IsValid);
        Assert.IsType<Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException>(asMobile.Exception);
        Assert.True(asWeb.IsValid, asWeb.Exception?.Message);
    }

    [Fact]
    public async Task Introspection_by_the_web_BFF_reports_a_mobile_token_as_inactive_and_its_own_as_active()
    {
        var mobile = await SignInAsync(OidcClient.BffMobile(provider));
        var web = await SignInAsync(OidcClient.BffWeb(provider));

        Assert.False(await IntrospectAsync(mobile.AccessToken!));
        Assert.True(await IntrospectAsync(web.AccessToken!));
    }

    [Fact]
    public async Task An_expired_access_token_is_refused()
    {
        var mobile = await SignInAsync(OidcClient.BffMobile(provider));
        Assert.Equal(HttpStatusCode.OK, (await UserInfoAsync(mobile.AccessToken!)).StatusCode);

        provider.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var refused = await UserInfoAsync(mobile.AccessToken!);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_access_token_is_refused()
    {
        var mobile = await SignInAsync(OidcClient.BffMobile(provider));
        var parts = mobile.AccessToken!.Split('.');
        // Another customer's id in the payload, the signature left as it was.
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(parts[1]))!;
        payload["sub"] = JsonSerializer.SerializeToElement(Guid.NewGuid().ToString());
        var forged = string.Join('.', parts[0], Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(payload)), parts[2]);

        var refused = await UserInfoAsync(forged);
        var validated = await new ResourceServer(provider.CreateClient(), IdentityAudiences.BffMobile).ValidateAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False(validated.IsValid);
        Assert.IsType<Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException>(validated.Exception);
    }

    private async Task<TokenResponse> SignInAsync(OidcClient client)
    {
        var customer = await Customers.CreateAsync(provider);
        using var browser = provider.CreateBrowser();
        var (code, verifier) = await client.SignInAsync(browser, customer.Email!, Customers.Password);
        return (await client.RedeemAsync(code, verifier)).AssertIssued();
    }

    private async Task<HttpResponseMessage> UserInfoAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await provider.CreateClient().SendAsync(request, Cancellation);
    }

    private async Task<bool> IntrospectAsync(string token)
    {
        using var answer = await provider.CreateClient().PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = IdentityClients.BffWeb,
            ["client_secret"] = IdentityProviderFactory.BffWebSecret,
            ["token"] = token,
        }), Cancellation);
        var body = await answer.Content.ReadAsStringAsync(Cancellation);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("active").GetBoolean();
    }

    /// <summary>The provider on a clock the test moves.</summary>
    public sealed class ClockedProvider : IdentityProviderFactory
    {
        public ClockedProvider()
        {
            Clock = Time;
        }

        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    }
}
