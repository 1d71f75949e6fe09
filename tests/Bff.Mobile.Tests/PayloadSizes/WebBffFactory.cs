extern alias bffweb;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Commerce.Bff.Mobile.Tests.PayloadSizes;

/// <summary>
/// The web BFF in-process at <see cref="IdentityService.BffWebAddress"/> over the same services, only so its screens can
/// be weighed against the mobile ones (its behaviour is tests/Bff.Web.Tests' business).
/// </summary>
public sealed class WebBffFactory(Downstream downstream) : InProcessBff<bffweb::Program>(downstream, IdentityService.BffWebAddress)
{
    protected override void ConfigureBff(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("Oidc:Authority", IdentityService.Authority.ToString());
        builder.UseSetting("Oidc:ClientSecret", IdentityService.BffWebSecret);
    }

    /// <summary>
    /// The customer signed in to the web BFF as the storefront signs in (its sign-in page, Identity, its callback): a
    /// browser holding the session cookie, whose relative addresses are the web BFF's.
    /// </summary>
    public async Task<SiteBrowser> SignInAsync(RegisteredCustomer account)
    {
        var browser = new SiteBrowser(new Dictionary<string, HttpMessageHandler>
        {
            [IdentityService.BffWebAddress.Host] = Server.CreateHandler(),
            [IdentityService.Authority.Host] = Downstream.Identity.Server.CreateHandler(),
        }, IdentityService.BffWebAddress);
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
