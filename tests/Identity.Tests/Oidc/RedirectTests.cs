using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Commerce.Identity.Tests.Oidc;

public sealed class RedirectTests(IdentityProviderFactory provider) : IClassFixture<IdentityProviderFactory>
{
    [Theory]
    [InlineData("https://evil.example/signin-oidc")]
    [InlineData("https://web.example/signin-oidc/../evil")]
    [InlineData("https://web.example/signin-oidc?next=https://evil.example")]
    [InlineData("https://web.example.evil.example/signin-oidc")]
    public async Task An_unregistered_redirect_uri_is_refused_without_a_redirect(string redirectUri)
    {
        var web = OidcClient.BffWeb(provider);
        using var browser = provider.CreateBrowser();
        var (url, _, _) = web.AuthorizationRequest(new Dictionary<string, string?> { ["redirect_uri"] = redirectUri });

        await OAuthAssert.RefusedWithoutRedirectAsync(await browser.GetAsync(url), "redirect_uri");
    }

    [Fact]
    public async Task An_unregistered_post_logout_redirect_uri_is_refused_without_a_redirect()
    {
        using var browser = provider.CreateBrowser();
        var url = QueryHelpers.AddQueryString("/account/sign-out", new Dictionary<string, string?>
        {
            ["client_id"] = "bff-web",
            ["post_logout_redirect_uri"] = "https://evil.example/signed-out",
        });

        await OAuthAssert.RefusedWithoutRedirectAsync(await browser.GetAsync(url), "post_logout_redirect_uri");
    }

    [Fact]
    public async Task Signing_out_with_a_registered_post_logout_redirect_uri_ends_the_session_and_returns_to_the_client()
    {
        var customer = await Customers.CreateAsync(provider);
        var web = OidcClient.BffWeb(provider);
        using var browser = provider.CreateBrowser();
        var (code, verifier) = await web.SignInAsync(browser, customer.Email!, Customers.Password);
        var tokens = (await web.RedeemAsync(code, verifier)).AssertIssued();

        var confirm = await browser.GetAsync(QueryHelpers.AddQueryString("/account/sign-out", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.IdToken,
            ["post_logout_redirect_uri"] = IdentityProviderFactory.BffWebPostLogout.ToString(),
            ["state"] = "after-sign-out",
        }));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var signedOut = await browser.SubmitAsync(confirm, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(IdentityProviderFactory.BffWebPostLogout.GetLeftPart(UriPartial.Path), signedOut.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal("after-sign-out", QueryHelpers.ParseQuery(signedOut.Headers.Location.Query)["state"].ToString());
        // The session is gone: the next authorization request goes to the sign-in page again.
        var (url, _, _) = web.AuthorizationRequest();
        var again = await browser.GetAsync(url);
        Assert.StartsWith("/account/sign-in", again.Headers.Location!.IsAbsoluteUri ? again.Headers.Location.AbsolutePath : again.Headers.Location.OriginalString, StringComparison.Ordinal);
    }
}
