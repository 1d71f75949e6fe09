extern alias bffweb;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Testing;
using Commerce.Testing.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Bff.Web.Tests;

/// <summary>
/// The BFF in-process at <see cref="BffAddress"/>, its clients (Identity's metadata and token endpoint among them)
/// reaching <see cref="InProcessBff{TProgram}.Downstream"/>'s services through a <see cref="FaultNetwork"/> on which a
/// test can make any service fail, slow down or stop, and which counts the requests each service receives.
/// </summary>
public sealed class BffFactory(Downstream downstream) : InProcessBff<bffweb::Program>(downstream, BffAddress)
{
    /// <summary>Where browsers reach the BFF: the host Identity's <c>bff-web</c> redirect URIs name.</summary>
    public static readonly Uri BffAddress = IdentityService.BffWebAddress;

    public ConcurrentDictionary<string, Fault> Faults => Network.Faults;

    /// <summary>Every record the BFF logs (Warning and above).</summary>
    public LogRecords Logs { get; } = new();

    public int RequestsTo(string service) => Network.RequestsTo(service);

    protected override void ConfigureBff(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        // The storefront's files (styles, the WebAssembly runtime) from the build output, as a development run serves them.
        builder.UseStaticWebAssets();
        builder.UseSetting("Oidc:Authority", IdentityService.Authority.ToString());
        builder.UseSetting("Oidc:ClientSecret", IdentityService.BffWebSecret);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>A browser with no session yet, on both the BFF and Identity.</summary>
    public SiteBrowser CreateBrowser() => new(
        new Dictionary<string, HttpMessageHandler>
        {
            [BffAddress.Host] = Server.CreateHandler(),
            [IdentityService.Authority.Host] = Downstream.Identity.Server.CreateHandler(),
        },
        BffAddress);

    /// <summary>A fresh customer, registered at Identity and signed in to the BFF by <see cref="SignInFlow"/>.</summary>
    public async Task<SignedInCustomer> SignInAsync()
    {
        var account = await Downstream.Identity.RegisterCustomerAsync();
        var browser = CreateBrowser();
        var flow = await SignInFlow.WalkAsync(browser, account, "/");
        Assert.Equal(HttpStatusCode.Redirect, flow.Landing.StatusCode);
        var session = await browser.Http.GetFromJsonAsync<SessionScreen>("/api/session", TestContext.Current.CancellationToken);
        Assert.True(session is { SignedIn: true }, "The sign-in flow ended without a session.");
        return new SignedInCustomer(browser, account, session.AntiforgeryToken);
    }
}
