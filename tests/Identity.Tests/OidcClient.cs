using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commerce.Identity.Contracts;
using Microsoft.AspNetCore.WebUtilities;

namespace Commerce.Identity.Tests;

/// <summary>
/// A relying party as the BFFs will be one: it sends the customer's browser to the authorization endpoint with a PKCE
/// challenge, takes the code from the redirect, and redeems it (and refresh tokens) on the back channel.
/// </summary>
public sealed class OidcClient(HttpClient backChannel, string clientId, Uri redirectUri, string? secret, string apiScope)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public string ClientId => clientId;

    public Uri RedirectUri => redirectUri;

    public string Scope { get; init; } = $"openid profile email offline_access {apiScope}";

    public static OidcClient BffWeb(IdentityProviderFactory provider) => new(provider.CreateClient(), IdentityClients.BffWeb,
        IdentityProviderFactory.BffWebRedirect, IdentityProviderFactory.BffWebSecret, IdentityScopes.BffWeb);

    public static OidcClient BffMobile(IdentityProviderFactory provider) => new(provider.CreateClient(), IdentityClients.BffMobile,
        IdentityProviderFactory.BffMobileRedirect, secret: null, IdentityScopes.BffMobile);

    /// <summary>A fresh PKCE verifier and the authorization request URL that carries its S256 challenge.</summary>
    public (string Url, string Verifier, string State) AuthorizationRequest(IDictionary<string, string?>? overrides = null)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri.ToString(),
            ["scope"] = Scope,
            ["state"] = state,
            ["nonce"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            parameters[name] = value;
        }

        return (QueryHelpers.AddQueryString("/connect/authorize", parameters), verifier, state);
    }

    /// <summary>
    /// The whole front channel: authorization request, sign-in page, back to the authorization endpoint, redirect to
    /// the client with a code (the state checked). Returns the code and the verifier to redeem it with.
    /// </summary>
    public async Task<(string Code, string Verifier)> SignInAsync(Browser browser, string email, string password)
    {
        var (url, verifier, state) = AuthorizationRequest();
        var toSignIn = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.StartsWith("/account/sign-in", toSignIn.Headers.Location!.IsAbsoluteUri ? toSignIn.Headers.Location.AbsolutePath : toSignIn.Headers.Location.OriginalString, StringComparison.Ordinal);

        var signInPage = await browser.FollowAsync(toSignIn);
        var signedIn = await browser.SubmitAsync(signInPage, new Dictionary<string, string> { ["Form.Email"] = email, ["Form.Password"] = password });
        var toClient = await browser.FollowAsync(signedIn);
        return (CodeFrom(toClient, state), verifier);
    }

    /// <summary>The code in a redirect to this client's redirect URI, whose state must be the one sent.</summary>
    public string CodeFrom(HttpResponseMessage redirect, string state)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.Equal(redirectUri.GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(state, query["state"].ToString());
        Assert.True(query.ContainsKey("code"), $"No code in {location}");
        return query["code"].ToString();
    }

    public Task<TokenResponse> RedeemAsync(string code, string verifier) => PostTokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = redirectUri.ToString(),
        ["code_verifier"] = verifier,
    });

    public Task<TokenResponse> RefreshAsync(string refreshToken) => PostTokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
    });

    public async Task<TokenResponse> PostTokenAsync(Dictionary<string, string> parameters)
    {
        parameters["client_id"] = clientId;
        if (secret is not null)
        {
            parameters["client_secret"] = secret;
        }

        using var response = await backChannel.PostAsync("/connect/token", new FormUrlEncodedContent(parameters), Cancellation);
        return await TokenResponse.ReadAsync(response);
    }

    private static string Base64Url(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);
}

/// <summary>A token endpoint's answer: tokens, or an OAuth error.</summary>
public sealed record TokenResponse(HttpStatusCode Status, JsonElement Body)
{
    public string? AccessToken => Text("access_token");

    public string? RefreshToken => Text("refresh_token");

    public string? IdToken => Text("id_token");

    public string? Error => Text("error");

    public static async Task<TokenResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{(int)response.StatusCode}: {body}");
        return new TokenResponse(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Tokens, or a failure that shows what the provider said.</summary>
    public TokenResponse AssertIssued()
    {
        Assert.True(Status == HttpStatusCode.OK && AccessToken is not null, $"{(int)Status}: {Body}");
        return this;
    }

    public void AssertRefused(string error, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.True(Status == status && Error == error, $"Expected {(int)status} {error}, got {(int)Status}: {Body}");
    }

    private string? Text(string name) => Body.TryGetProperty(name, out var value) ? value.GetString() : null;
}
