using Commerce.Identity.Api.Data;
using Commerce.Identity.Contracts;
using Microsoft.Extensions.Hosting;

namespace Commerce.Identity.Tests;

public sealed class DevelopmentTests(DevelopmentTests.DevelopmentProvider provider) : IClassFixture<DevelopmentTests.DevelopmentProvider>
{
    [Fact]
    public async Task In_Development_the_dev_tools_client_gets_tokens_for_a_seeded_demo_customer_with_the_password_grant()
    {
        var demo = DemoCustomerSeeder.Customers[0];
        var devTools = new OidcClient(provider.CreateClient(), IdentityClients.DevTools, new Uri("https://unused.example"), IdentityProviderFactory.DevToolsSecret, IdentityScopes.BffMobile);

        var tokens = (await devTools.PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = demo.Email!,
            ["password"] = DemoCustomerSeeder.Password,
            ["scope"] = $"openid offline_access {IdentityScopes.BffMobile}",
        })).AssertIssued();

        var access = ResourceServer.Read(tokens.AccessToken!);
        Assert.Equal(demo.Id.ToString(), access.Subject);
        Assert.Equal([IdentityAudiences.BffMobile], access.Audiences);
    }

    [Fact]
    public async Task The_password_grant_refuses_a_wrong_password_with_the_sign_in_pages_answer()
    {
        var devTools = new OidcClient(provider.CreateClient(), IdentityClients.DevTools, new Uri("https://unused.example"), IdentityProviderFactory.DevToolsSecret, IdentityScopes.BffMobile);

        var refused = await devTools.PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = DemoCustomerSeeder.Customers[1].Email!,
            ["password"] = "wrong",
        });

        refused.AssertRefused("invalid_grant");
        Assert.Equal(Commerce.Identity.Api.Accounts.SignInMessages.Refused, refused.Body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task The_web_BFF_may_not_use_the_password_grant_even_in_Development()
    {
        var web = OidcClient.BffWeb(provider);

        var refused = await web.PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = DemoCustomerSeeder.Customers[0].Email!,
            ["password"] = DemoCustomerSeeder.Password,
        });

        refused.AssertRefused("unauthorized_client");
    }

    public sealed class DevelopmentProvider : IdentityProviderFactory
    {
        public DevelopmentProvider()
        {
            EnvironmentName = Environments.Development;
        }
    }
}
