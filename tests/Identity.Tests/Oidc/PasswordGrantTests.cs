using Commerce.Identity.Contracts;

namespace Commerce.Identity.Tests.Oidc;

public sealed class PasswordGrantTests(IdentityProviderFactory provider) : IClassFixture<IdentityProviderFactory>
{
    [Fact]
    public async Task Outside_Development_the_password_grant_does_not_exist_even_for_dev_tools_with_its_secret()
    {
        var customer = await Customers.CreateAsync(provider);
        var devTools = new OidcClient(provider.CreateClient(), IdentityClients.DevTools, new Uri("https://unused.example"), IdentityProviderFactory.DevToolsSecret, IdentityScopes.BffMobile);

        var refused = await devTools.PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = customer.Email!,
            ["password"] = Customers.Password,
        });

        refused.AssertRefused("unsupported_grant_type");
    }

    [Fact]
    public async Task Prompt_none_without_a_session_returns_login_required_to_the_client()
    {
        var mobile = OidcClient.BffMobile(provider);
        using var browser = provider.CreateBrowser();
        var (url, _, state) = mobile.AuthorizationRequest(new Dictionary<string, string?> { ["prompt"] = "none" });

        var answer = await browser.GetAsync(url);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, answer.StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(answer.Headers.Location!.Query);
        Assert.Equal(IdentityProviderFactory.BffMobileRedirect.GetLeftPart(UriPartial.Path), answer.Headers.Location.GetLeftPart(UriPartial.Path));
        Assert.Equal("login_required", query["error"].ToString());
        Assert.Equal(state, query["state"].ToString());
    }
}
