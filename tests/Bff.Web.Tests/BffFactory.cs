extern alias bffweb;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Testing;
using Commerce.Testing.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Commerce.Bff.Web.Tests;

/// <summary>
/// The BFF in-process at <see cref="BffAddress"/>, its clients (Identity's metadata and token endpoint among them)
/// reaching <see cref="Downstream"/>'s services through a <see cref="FaultNetwork"/> on which a test can make any service fail, slow down
/// or stop, and which counts the requests each service receives.
/// </summary>
public sealed class BffFactory : WebApplicationFactory<bffweb::Program>
{
    /// <summary>Where browsers reach the BFF: the host Identity's <c>bff-web</c> redirect URIs name.</summary>
    public static readonly Uri BffAddress = IdentityService.BffWebAddress;

    private readonly Downstream downstream;
    private readonly FaultNetwork network;

    public BffFactory(Downstream downstream)
    {
        this.downstream = downstream;
        network = new FaultNetwork(downstream);
        ClientOptions.BaseAddress = BffAddress;
        ClientOptions.AllowAutoRedirect = false;
    }

    public ConcurrentDictionary<string, Fault> Faults => network.Faults;

    /// <summary>Every record the BFF logs (Warning and above).</summary>
    public LogRecords Logs { get; } = new();

    /// <summary>Settings on top of the test budgets (<c>Bff:Limits:PermitsPerWindow</c>, …).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    public int RequestsTo(string service) => network.RequestsTo(service);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        // The storefront's files (styles, the WebAssembly runtime) from the build output, as a development run serves them.
        builder.UseStaticWebAssets();
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var service in new[] { "catalog", "inventory", "shipping", "ordering", "payments", "notifications" })
        {
            builder.UseSetting($"services:{service}:http:0", $"http://{service}");
        }

        builder.UseSetting("Oidc:Authority", IdentityService.Authority.ToString());
        builder.UseSetting("Oidc:ClientSecret", IdentityService.BffWebSecret);

        // Budgets short enough to keep the tests of slow services quick, yet long enough that a healthy service on a
        // machine busy with the rest of the test run still answers within them; the critical ones longer, as in production.
        builder.UseSetting("Bff:Timeouts:Catalog", "00:00:03");
        builder.UseSetting("Bff:Timeouts:Availability", "00:00:01.500");
        builder.UseSetting("Bff:Timeouts:ShippingEstimate", "00:00:01.500");
        builder.UseSetting("Bff:Timeouts:Ordering", "00:00:03");
        builder.UseSetting("Bff:Timeouts:Notifications", "00:00:01.500");
        builder.UseSetting("Bff:Timeouts:AddressCheck", "00:00:01.500");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // Only the innermost handler is replaced: resilience and everything else above it run as in production.
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = network.CreateHandler())));
    }

    /// <summary>A browser with no session yet, on both the BFF and Identity.</summary>
    public StorefrontBrowser CreateBrowser() => new(
        new Dictionary<string, HttpMessageHandler>
        {
            [BffAddress.Host] = Server.CreateHandler(),
            [IdentityService.Authority.Host] = downstream.Identity.Server.CreateHandler(),
        },
        BffAddress);

    /// <summary>A fresh customer, registered at Identity and signed in to the BFF by <see cref="SignInFlow"/>.</summary>
    public async Task<SignedInCustomer> SignInAsync()
    {
        var account = await downstream.Identity.RegisterCustomerAsync();
        var browser = CreateBrowser();
        var flow = await SignInFlow.WalkAsync(browser, account, "/");
        Assert.Equal(HttpStatusCode.Redirect, flow.Landing.StatusCode);
        var session = await browser.Http.GetFromJsonAsync<SessionScreen>("/api/session", TestContext.Current.CancellationToken);
        Assert.True(session is { SignedIn: true }, "The sign-in flow ended without a session.");
        return new SignedInCustomer(browser, account, session.AntiforgeryToken);
    }
}
