using System.Net;

namespace Commerce.Identity.Tests.Oidc;

/// <summary>The mobile app calls the OpenID Connect endpoints from its own origin; only that origin may read the answers.</summary>
public sealed class MobileAppCorsTests(IdentityProviderFactory provider) : IClassFixture<IdentityProviderFactory>
{
    private static readonly string AppOrigin = IdentityProviderFactory.BffMobileRedirect.GetLeftPart(UriPartial.Authority);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/connect/token", "POST", "content-type")]
    [InlineData("/connect/userinfo", "GET", "authorization")]
    [InlineData("/connect/revoke", "POST", "content-type")]
    [InlineData("/.well-known/openid-configuration", "GET", "")]
    public async Task A_preflight_from_the_apps_origin_is_allowed(string path, string method, string headers)
    {
        using var response = await PreflightAsync(path, AppOrigin, method, headers);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(AppOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains(method, string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"), "the app sends tokens, never Identity's cookie");
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://web.example")]
    [InlineData("http://mobile.example")]
    [InlineData("https://mobile.example.evil.example")]
    public async Task A_preflight_from_another_origin_is_not_allowed(string origin)
    {
        using var response = await PreflightAsync("/connect/token", origin, "POST", "content-type");

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_discovery_document_is_readable_from_the_apps_origin_and_from_no_other()
    {
        using var fromApp = await GetAsync("/.well-known/openid-configuration", AppOrigin);
        using var fromElsewhere = await GetAsync("/.well-known/openid-configuration", "https://evil.example");

        Assert.Equal(HttpStatusCode.OK, fromApp.StatusCode);
        Assert.Equal(AppOrigin, Assert.Single(fromApp.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
        Assert.False(fromElsewhere.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/connect/introspect")]
    public async Task The_pages_and_the_other_endpoints_answer_no_origin_but_their_own(string path)
    {
        using var response = await PreflightAsync(path, AppOrigin, "POST", "content-type");

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method, string headers)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", method);
        if (headers.Length > 0)
        {
            preflight.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return await provider.CreateClient().SendAsync(preflight, Cancellation);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        return await provider.CreateClient().SendAsync(request, Cancellation);
    }
}
