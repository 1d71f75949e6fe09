using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Commerce.Identity.Contracts;

namespace Commerce.Identity.Tests.Oidc;

public sealed class CodeFlowTests(IdentityProviderFactory provider) : IClassFixture<IdentityProviderFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_web_BFF_signs_a_customer_in_with_code_and_PKCE_and_gets_a_bff_web_JWT_whose_sub_is_the_customer_id()
    {
        var customer = await Customers.CreateAsync(provider);
        var web = OidcClient.BffWeb(provider);
        using var browser = provider.CreateBrowser();

        var (code, verifier) = await web.SignInAsync(browser, customer.Email!, Customers.Password);
        var tokens = (await web.RedeemAsync(code, verifier)).AssertIssued();

        var validated = await new ResourceServer(provider.CreateClient(), IdentityAudiences.BffWeb).ValidateAsync(tokens.AccessToken!);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var access = ResourceServer.Read(tokens.AccessToken!);
        Assert.Equal(customer.Id.ToString(), access.Subject);
        Assert.Equal([IdentityAudiences.BffWeb], access.Audiences);
        Assert.InRange(access.ValidTo - access.IssuedAt, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        Assert.Equal(customer.Id.ToString(), ResourceServer.Read(tokens.IdToken!).Subject);

        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var answer = await provider.CreateClient().SendAsync(userInfo, Cancellation);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var claims = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Cancellation)).RootElement;
        Assert.Equal(customer.Id.ToString(), claims.GetProperty("sub").GetString());
        Assert.Equal(customer.Email, claims.GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_mobile_app_signs_in_with_code_and_PKCE_as_a_public_client_and_gets_a_bff_mobile_JWT_and_a_refresh_token()
    {
        var customer = await Customers.CreateAsync(provider);
        var mobile = OidcClient.BffMobile(provider);
        using var browser = provider.CreateBrowser();

        var (code, verifier) = await mobile.SignInAsync(browser, customer.Email!, Customers.Password);
        var tokens = (await mobile.RedeemAsync(code, verifier)).AssertIssued();

        Assert.NotNull(tokens.RefreshToken);
        var access = ResourceServer.Read(tokens.AccessToken!);
        Assert.Equal(customer.Id.ToString(), access.Subject);
        Assert.Equal([IdentityAudiences.BffMobile], access.Audiences);
        var validated = await new ResourceServer(provider.CreateClient(), IdentityAudiences.BffMobile).ValidateAsync(tokens.AccessToken!);
        Assert.True(validated.IsValid, validated.Exception?.Message);
    }

    [Fact]
    public async Task A_customer_already_signed_in_goes_straight_back_to_the_client_with_a_code()
    {
        var customer = await Customers.CreateAsync(provider);
        var mobile = OidcClient.BffMobile(provider);
        using var browser = provider.CreateBrowser();
        await mobile.SignInAsync(browser, customer.Email!, Customers.Password);

        var (url, verifier, state) = mobile.AuthorizationRequest();
        var code = mobile.CodeFrom(await browser.GetAsync(url), state);

        (await mobile.RedeemAsync(code, verifier)).AssertIssued();
    }

    [Fact]
    public async Task A_code_is_redeemed_only_with_its_own_PKCE_verifier_and_only_once()
    {
        var customer = await Customers.CreateAsync(provider);
        var mobile = OidcClient.BffMobile(provider);
        using var browser = provider.CreateBrowser();
        var (code, verifier) = await mobile.SignInAsync(browser, customer.Email!, Customers.Password);
        var (_, otherVerifier, _) = mobile.AuthorizationRequest();

        (await mobile.RedeemAsync(code, otherVerifier)).AssertRefused("invalid_grant");
        (await mobile.RedeemAsync(code, verifier)).AssertIssued();
        (await mobile.RedeemAsync(code, verifier)).AssertRefused("invalid_grant");
    }

    [Fact]
    public async Task An_authorization_request_without_a_PKCE_challenge_is_refused()
    {
        var mobile = OidcClient.BffMobile(provider);
        using var browser = provider.CreateBrowser();
        var (url, _, _) = mobile.AuthorizationRequest(new Dictionary<string, string?> { ["code_challenge"] = null, ["code_challenge_method"] = null });

        var answer = await browser.GetAsync(url);

        await OAuthAssert.RefusedWithoutRedirectAsync(answer, "code_challenge");
    }

    [Fact]
    public async Task The_web_BFF_is_refused_without_its_client_secret()
    {
        var customer = await Customers.CreateAsync(provider);
        var web = OidcClient.BffWeb(provider);
        using var browser = provider.CreateBrowser();
        var (code, verifier) = await web.SignInAsync(browser, customer.Email!, Customers.Password);
        var withoutSecret = new OidcClient(provider.CreateClient(), IdentityClients.BffWeb, IdentityProviderFactory.BffWebRedirect, secret: null, IdentityScopes.BffWeb);

        (await withoutSecret.RedeemAsync(code, verifier)).AssertRefused("invalid_client", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_mobile_app_cannot_ask_for_a_token_for_the_web_BFF()
    {
        var mobile = new OidcClient(provider.CreateClient(), IdentityClients.BffMobile, IdentityProviderFactory.BffMobileRedirect, secret: null, IdentityScopes.BffWeb);
        using var browser = provider.CreateBrowser();
        var (url, _, _) = mobile.AuthorizationRequest();

        var answer = await browser.GetAsync(url);

        await OAuthAssert.RefusedWithoutRedirectAsync(answer, "scope");
    }

    [Fact]
    public async Task The_discovery_document_announces_every_endpoint_and_the_JWKS_holds_the_signing_key()
    {
        using var http = provider.CreateClient();
        var discovery = JsonDocument.Parse(await http.GetStringAsync("/.well-known/openid-configuration", Cancellation)).RootElement;

        foreach (var endpoint in new[] { "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "end_session_endpoint", "revocation_endpoint", "introspection_endpoint", "jwks_uri" })
        {
            Assert.True(discovery.TryGetProperty(endpoint, out _), $"No {endpoint}");
        }

        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(method => method.GetString()));
        Assert.DoesNotContain("password", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(grant => grant.GetString()));
        var keys = JsonDocument.Parse(await http.GetStringAsync(discovery.GetProperty("jwks_uri").GetString(), Cancellation)).RootElement.GetProperty("keys");
        Assert.Contains(keys.EnumerateArray(), key => key.GetProperty("use").GetString() == "sig");
    }
}
