using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Commerce.Identity.Tests;

/// <summary>
/// The real identity provider in-process on its own database (<see cref="ServiceFactory{TEntryPoint}"/>): Production
/// unless a test asks for Development, keys from configuration, the clients registered with the redirect URIs below.
/// </summary>
public class IdentityProviderFactory() : ServiceFactory<Program>("identity")
{
    public const string BffWebSecret = "bff-web-test-secret";
    public const string DevToolsSecret = "dev-tools-test-secret";
    public static readonly Uri BffWebRedirect = new("https://web.example/signin-oidc");
    public static readonly Uri BffWebPostLogout = new("https://web.example/signout-callback-oidc");
    public static readonly Uri BffMobileRedirect = new("https://mobile.example/authentication/login-callback");
    public static readonly Uri BffMobilePostLogout = new("https://mobile.example/authentication/logout-callback");

    /// <summary>Sign-in posts one client address may make per minute: high, so tests that sign in often are not throttled.</summary>
    public int SignInPermitLimit { get; init; } = 10_000;

    /// <summary>The clock the provider uses (token lifetimes, lockout), when a test wants to move it.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Services a test puts in place of the provider's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Identity:Certificates:Signing", IdentityCertificates.Signing);
        builder.UseSetting("Identity:Certificates:Encryption", IdentityCertificates.Encryption);
        builder.UseSetting("Identity:Clients:BffWeb:Secret", BffWebSecret);
        builder.UseSetting("Identity:Clients:BffWeb:RedirectUris:0", BffWebRedirect.ToString());
        builder.UseSetting("Identity:Clients:BffWeb:PostLogoutRedirectUris:0", BffWebPostLogout.ToString());
        builder.UseSetting("Identity:Clients:BffMobile:RedirectUris:0", BffMobileRedirect.ToString());
        builder.UseSetting("Identity:Clients:BffMobile:PostLogoutRedirectUris:0", BffMobilePostLogout.ToString());
        builder.UseSetting("Identity:Clients:DevTools:Secret", DevToolsSecret);
        builder.UseSetting("Identity:SignInRateLimit:PermitLimit", SignInPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (EnvironmentName == Environments.Development)
        {
            builder.UseSetting("Identity:SeedDemoCustomers", "true");
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        if (TestServices is { } testServices)
        {
            builder.ConfigureTestServices(testServices);
        }
    }

    /// <summary>A browser: cookies kept across requests, redirects not followed (each step of a flow is checked).</summary>
    public Browser CreateBrowser() => new(Server.CreateHandler(), Server.BaseAddress);
}
