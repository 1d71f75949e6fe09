extern alias bffweb;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;

namespace Commerce.Bff.Mobile.Tests.PayloadSizes;

/// <summary>
/// The web BFF in-process at <see cref="IdentityService.BffWebAddress"/> over the same services, only so its screens can
/// be weighed against the mobile ones (its behaviour is tests/Bff.Web.Tests' business).
/// </summary>
public sealed class WebBffFactory : WebApplicationFactory<bffweb::Program>
{
    private readonly Downstream downstream;
    private readonly FaultNetwork network;

    public WebBffFactory(Downstream downstream)
    {
        this.downstream = downstream;
        network = new FaultNetwork(downstream);
        ClientOptions.BaseAddress = IdentityService.BffWebAddress;
        ClientOptions.AllowAutoRedirect = false;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var service in new[] { "catalog", "inventory", "shipping", "ordering", "payments", "notifications" })
        {
            builder.UseSetting($"services:{service}:http:0", $"http://{service}");
        }

        builder.UseSetting("Oidc:Authority", IdentityService.Authority.ToString());
        builder.UseSetting("Oidc:ClientSecret", IdentityService.BffWebSecret);
        builder.UseSetting("Bff:Limits:PermitsPerWindow", "1000000");
        // The budgets of the mobile BFF's tests, so that neither side's screens are weighed degraded on a busy machine.
        builder.UseSetting("Bff:Timeouts:Catalog", "00:00:03");
        builder.UseSetting("Bff:Timeouts:Availability", "00:00:01.500");
        builder.UseSetting("Bff:Timeouts:ShippingEstimate", "00:00:01.500");
        builder.UseSetting("Bff:Timeouts:Ordering", "00:00:03");
        builder.ConfigureServices(services => services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = network.CreateHandler())));
    }

    /// <summary>
    /// The customer signed in to the web BFF as the storefront signs in (its sign-in page, Identity, its callback): a
    /// browser holding the session cookie, whose relative addresses are the web BFF's.
    /// </summary>
    public async Task<SignInBrowser> SignInAsync(RegisteredCustomer account)
    {
        var browser = new SignInBrowser(new Dictionary<string, HttpMessageHandler>
        {
            [IdentityService.BffWebAddress.Host] = Server.CreateHandler(),
            [IdentityService.Authority.Host] = downstream.Identity.Server.CreateHandler(),
        });
        browser.Http.BaseAddress = IdentityService.BffWebAddress;
        var toAuthorization = await browser.GetAsync(new Uri(IdentityService.BffWebAddress, "/account/sign-in?returnUrl=%2F"));
        var toSignInPage = await browser.FollowAsync(toAuthorization);
        var signInPage = await browser.FollowAsync(toSignInPage);
        var backToAuthorization = await browser.SubmitAsync(signInPage, new Dictionary<string, string>
        {
            ["Form.Email"] = account.Email,
            ["Form.Password"] = IdentityService.CustomerPassword,
        });
        var toCallback = await browser.FollowAsync(backToAuthorization);
        var landing = await browser.FollowAsync(toCallback);
        Assert.True(landing.StatusCode == HttpStatusCode.Redirect, $"The web BFF's callback answered {(int)landing.StatusCode}");
        return browser;
    }
}
