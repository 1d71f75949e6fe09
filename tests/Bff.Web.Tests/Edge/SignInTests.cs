using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Commerce.Bff.Web.Tests.Edge;

public sealed partial class SignInTests(Downstream downstream)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_in_with_code_and_pkce_gives_a_session_of_the_customer_identity_knows()
    {
        await using var bff = new BffFactory(downstream);
        var account = await downstream.Identity.RegisterCustomerAsync();
        using var browser = bff.CreateBrowser();

        var flow = await SignInFlow.WalkAsync(browser, account, "/orders");

        var authorize = QueryHelpers.ParseQuery(new Uri(IdentityService.Authority, flow.ToAuthorization.Headers.Location!).Query);
        Assert.Equal(("code", "bff-web", "S256"), (authorize["response_type"].ToString(), authorize["client_id"].ToString(), authorize["code_challenge_method"].ToString()));
        Assert.Equal(["bff-web", "email", "openid", "profile"], authorize["scope"].ToString().Split(' ').Order());
        Assert.Equal(new Uri(BffFactory.BffAddress, "/orders"), flow.LandedOn);
        var session = await browser.Http.GetFromJsonAsync<SessionScreen>("/api/session", Cancellation);
        Assert.Equal(new SessionScreen(true, new CustomerProfile(account.Id, account.Email, account.Name), session!.AntiforgeryToken), session);
        Assert.False(string.IsNullOrEmpty(session.AntiforgeryToken));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_lax_and_holds_no_readable_token()
    {
        await using var bff = new BffFactory(downstream);
        var account = await downstream.Identity.RegisterCustomerAsync();
        using var browser = bff.CreateBrowser();

        var flow = await SignInFlow.WalkAsync(browser, account, "/");

        var sessionCookies = flow.Landing.Headers.GetValues("Set-Cookie").Where(cookie => cookie.StartsWith("commerce-session", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sessionCookies);
        Assert.All(sessionCookies, cookie =>
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).ToList();
            Assert.Contains("httponly", attributes, StringComparer.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", attributes, StringComparer.OrdinalIgnoreCase);
        });
        // Nothing the browser holds for the BFF, nor what /api/session tells its script, is a JWT (id or access token).
        var session = await browser.Http.GetStringAsync("/api/session", Cancellation);
        Assert.DoesNotMatch(Jwt(), session);
        Assert.All(browser.CookiesFor(BffFactory.BffAddress), cookie => Assert.DoesNotMatch(Jwt(), Uri.UnescapeDataString(cookie.Value)));
        Assert.Contains(browser.CookiesFor(BffFactory.BffAddress), cookie => cookie.Name.StartsWith("commerce-session", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_url_off_the_site_lands_on_the_home_page(string returnUrl)
    {
        await using var bff = new BffFactory(downstream);
        var account = await downstream.Identity.RegisterCustomerAsync();
        using var browser = bff.CreateBrowser();

        var flow = await SignInFlow.WalkAsync(browser, account, returnUrl);

        Assert.Equal(new Uri(BffFactory.BffAddress, "/"), flow.LandedOn);
    }

    [Theory]
    [InlineData("/signin-oidc?code=made-up&state=made-up")]
    [InlineData("/signin-oidc?error=access_denied")]
    [InlineData("/signin-oidc")]
    public async Task A_sign_in_callback_that_cannot_complete_is_a_400_problem_and_no_session(string callback)
    {
        await using var bff = new BffFactory(downstream);
        using var browser = bff.CreateBrowser();

        var response = await browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False((await browser.Http.GetFromJsonAsync<SessionScreen>("/api/session", Cancellation))!.SignedIn);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_here_and_at_identity()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();

        var toIdentity = await customer.SendAsync(customer.Post("/account/sign-out"));
        SignInFlow.AssertRedirectTo(toIdentity, IdentityService.Authority, "/account/sign-out");
        var confirmation = await customer.Browser.FollowAsync(toIdentity);
        var toCallback = await customer.Browser.SubmitAsync(confirmation);
        SignInFlow.AssertRedirectTo(toCallback, BffFactory.BffAddress, "/signout-callback-oidc");
        var home = await customer.Browser.FollowAsync(toCallback);
        SignInFlow.AssertRedirectTo(home, BffFactory.BffAddress, "/");

        var session = await customer.GetAsync<SessionScreen>("/api/session");
        Assert.Equal((false, (CustomerProfile?)null), (session.SignedIn, session.Customer));
        await AssertSignInRequiredAsync(await customer.Http.GetAsync("/api/orders", Cancellation));
        // Identity's session is over too: signing in again asks for the password.
        var again = await customer.Browser.FollowAsync(await customer.Browser.GetAsync("/account/sign-in"));
        SignInFlow.AssertRedirectTo(again, IdentityService.Authority, "/account/sign-in");
    }

    [Fact]
    public async Task An_anonymous_visitor_has_no_session_but_an_antiforgery_token()
    {
        await using var bff = new BffFactory(downstream);

        var session = await bff.CreateClient().GetFromJsonAsync<SessionScreen>("/api/session", Cancellation);

        Assert.Equal((false, (CustomerProfile?)null), (session!.SignedIn, session.Customer));
        Assert.False(string.IsNullOrEmpty(session.AntiforgeryToken));
    }

    [Fact]
    public async Task A_sign_out_without_the_antiforgery_token_is_refused_naming_the_header()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();

        var response = await customer.SendAsync(SignedInCustomer.PostWithoutToken("/account/sign-out"));

        await ProblemAssert.NamesFieldAsync(response, StorefrontHeaders.AntiforgeryToken, Cancellation);
        Assert.True((await customer.GetAsync<SessionScreen>("/api/session")).SignedIn);
    }

    [Fact]
    public async Task A_sign_out_with_a_made_up_token_or_another_sessions_token_is_refused_naming_the_header()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        using var other = await bff.SignInAsync();
        var anonymousToken = (await bff.CreateClient().GetFromJsonAsync<SessionScreen>("/api/session", Cancellation))!.AntiforgeryToken;

        foreach (var token in new[] { "made-up", other.AntiforgeryToken, anonymousToken })
        {
            var response = await customer.SendAsync(customer.Post("/account/sign-out", antiforgeryToken: token));

            await ProblemAssert.NamesFieldAsync(response, StorefrontHeaders.AntiforgeryToken, Cancellation);
        }

        Assert.True((await customer.GetAsync<SessionScreen>("/api/session")).SignedIn);
    }

    [Theory]
    [InlineData("GET", "/api/orders")]
    [InlineData("GET", "/api/orders/0b9d6f4e-3c1a-4f7e-9a51-7d2c8e6b1f00")]
    [InlineData("POST", "/api/orders/0b9d6f4e-3c1a-4f7e-9a51-7d2c8e6b1f00/cancellation")]
    [InlineData("GET", "/api/notifications")]
    public async Task An_anonymous_call_to_a_customers_api_is_a_401_problem_not_a_redirect(string method, string path)
    {
        await using var bff = new BffFactory(downstream);

        var response = await bff.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancellation);

        await AssertSignInRequiredAsync(response);
    }

    private static async Task AssertSignInRequiredAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
        Assert.Contains("/account/sign-in", body, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"eyJ[\w-]+\.eyJ[\w-]+\.")]
    private static partial Regex Jwt();
}
