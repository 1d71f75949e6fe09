using System.Net;

namespace Commerce.Bff.Web.Tests;

/// <summary>
/// Every hop of signing in, as a browser makes them: the BFF's sign-in page sends it to Identity's authorization
/// endpoint, which sends it to its sign-in page; the form posted, back to the authorization endpoint, which sends it
/// with a code to the BFF's callback, which redeems the code (with the PKCE verifier and the client secret) and lands it
/// on the return URL with a session cookie.
/// </summary>
public sealed record SignInFlow(
    HttpResponseMessage ToAuthorization,
    HttpResponseMessage ToSignInPage,
    HttpResponseMessage SignInPage,
    HttpResponseMessage BackToAuthorization,
    HttpResponseMessage ToCallback,
    HttpResponseMessage Landing)
{
    public static async Task<SignInFlow> WalkAsync(SiteBrowser browser, RegisteredCustomer account, string returnUrl)
    {
        var toAuthorization = await browser.GetAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        AssertRedirectTo(toAuthorization, IdentityService.Authority, "/connect/authorize");
        var toSignInPage = await browser.FollowAsync(toAuthorization);
        var signInPage = await browser.FollowAsync(toSignInPage);
        var backToAuthorization = await browser.SubmitAsync(signInPage, new Dictionary<string, string>
        {
            ["Form.Email"] = account.Email,
            ["Form.Password"] = IdentityService.CustomerPassword,
        });
        var toCallback = await browser.FollowAsync(backToAuthorization);
        AssertRedirectTo(toCallback, BffFactory.BffAddress, "/signin-oidc");
        var landing = await browser.FollowAsync(toCallback);
        return new SignInFlow(toAuthorization, toSignInPage, signInPage, backToAuthorization, toCallback, landing);
    }

    /// <summary>Where the flow finally sends the browser on the BFF.</summary>
    public Uri LandedOn => new(BffFactory.BffAddress, Landing.Headers.Location!);

    public static void AssertRedirectTo(HttpResponseMessage response, Uri site, string path)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Expected a redirect to {site}{path.TrimStart('/')}, got {(int)response.StatusCode} from {response.RequestMessage?.RequestUri}");
        var location = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
        Assert.Equal(site.Authority, location.Authority);
        Assert.Equal(path, location.AbsolutePath);
    }
}
