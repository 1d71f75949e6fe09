using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commerce.Identity.Contracts;
using Microsoft.AspNetCore.WebUtilities;

namespace Commerce.Bff.Mobile.Tests;

/// <summary>A client registered at Identity, as the test network knows it.</summary>
public sealed record IdentityClient(string ClientId, Uri RedirectUri, string Scope, string? Secret)
{
    /// <summary>The app: a public client, so no secret; its tokens are for <c>bff-mobile</c>.</summary>
    public static readonly IdentityClient Mobile = new(
        IdentityClients.BffMobile, new Uri(IdentityService.BffMobileAddress, "/authentication/login-callback"), $"openid offline_access {IdentityScopes.BffMobile}", null);

    /// <summary>The web BFF, with its test secret: its tokens are for <c>bff-web</c>, which the mobile BFF must refuse.</summary>
    public static readonly IdentityClient Web = new(
        IdentityClients.BffWeb, new Uri(IdentityService.BffWebAddress, "/signin-oidc"), $"openid {IdentityScopes.BffWeb}", IdentityService.BffWebSecret);
}

/// <summary>The tokens a code redemption gave.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken);

/// <summary>
/// The authorization code flow with PKCE as the app walks it: the authorization request with an S256 challenge,
/// Identity's sign-in page, back to the authorization endpoint, the redirect to the client's redirect URI with a code
/// (its state checked), and the code redeemed at the token endpoint with the verifier (and the secret, for a
/// confidential client).
/// </summary>
public static class CodeFlow
{
    public static async Task<TokenSet> SignInAsync(SiteBrowser browser, IdentityClient client, RegisteredCustomer account)
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var state = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var authorize = QueryHelpers.AddQueryString(new Uri(IdentityService.Authority, "/connect/authorize").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = client.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = client.RedirectUri.ToString(),
            ["scope"] = client.Scope,
            ["state"] = state,
            ["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });

        var toSignInPage = await browser.GetAsync(new Uri(authorize));
        var signInPage = await browser.FollowAsync(toSignInPage);
        var backToAuthorization = await browser.SubmitAsync(signInPage, new Dictionary<string, string>
        {
            ["Form.Email"] = account.Email,
            ["Form.Password"] = IdentityService.CustomerPassword,
        });
        var toClient = await browser.FollowAsync(backToAuthorization);

        Assert.True(toClient.StatusCode == HttpStatusCode.Redirect, $"Identity did not send the browser back to {client.ClientId}: {(int)toClient.StatusCode}");
        var callback = new Uri(toClient.RequestMessage!.RequestUri!, toClient.Headers.Location!);
        Assert.Equal(client.RedirectUri.GetLeftPart(UriPartial.Path), callback.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal(state, query["state"].ToString());

        var redemption = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = client.RedirectUri.ToString(),
            ["code_verifier"] = verifier,
            ["client_id"] = client.ClientId,
        };
        if (client.Secret is { } secret)
        {
            redemption["client_secret"] = secret;
        }

        using var answer = await browser.Http.PostAsync(new Uri(IdentityService.Authority, "/connect/token"), new FormUrlEncodedContent(redemption), TestContext.Current.CancellationToken);
        var body = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"The token endpoint refused the code: {(int)answer.StatusCode} {body}");
        using var tokens = JsonDocument.Parse(body);
        return new TokenSet(
            tokens.RootElement.GetProperty("access_token").GetString()!,
            tokens.RootElement.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null);
    }
}
