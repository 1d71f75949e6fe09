using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Commerce.Testing.Services;

/// <summary>
/// A BFF in-process at <paramref name="address"/> (the host Identity's redirect URIs name for it), its HTTP clients
/// reaching <see cref="Downstream"/>'s services through one <see cref="FaultNetwork"/>, on which a test can make any
/// service fail, slow down or stop, and which counts the requests each one receives. Each BFF's tests derive their
/// factory from it and add what only that BFF has (its sign-in, its environment).
/// </summary>
public abstract class InProcessBff<TProgram> : WebApplicationFactory<TProgram>
    where TProgram : class
{
    private static readonly string[] DownstreamServices = ["catalog", "inventory", "shipping", "ordering", "payments", "notifications"];

    protected InProcessBff(Downstream downstream, Uri address)
    {
        Downstream = downstream;
        Network = new FaultNetwork(downstream);
        ClientOptions.BaseAddress = address;
        ClientOptions.AllowAutoRedirect = false;
    }

    public Downstream Downstream { get; }

    public FaultNetwork Network { get; }

    /// <summary>Settings on top of the test budgets (<c>Bff:Limits:PermitsPerWindow</c>, …), applied last.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>The BFF's own settings and services (its identity provider, its environment), before <see cref="Settings"/>.</summary>
    protected abstract void ConfigureBff(IWebHostBuilder builder);

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var service in DownstreamServices)
        {
            builder.UseSetting($"services:{service}:http:0", $"http://{service}");
        }

        // Budgets short enough to keep the tests of slow services quick (far below FaultNetwork.SlowAnswer), yet long
        // enough that a healthy service on a machine busy with the rest of the run still answers within them; the
        // critical ones longer, as in production. A rate limit no test reaches unless it sets its own.
        builder.UseSetting("Bff:Timeouts:Catalog", "00:00:03");
        builder.UseSetting("Bff:Timeouts:Availability", "00:00:01.500");
        builder.UseSetting("Bff:Timeouts:ShippingEstimate", "00:00:01.500");
        builder.UseSetting("Bff:Timeouts:AddressCheck", "00:00:01.500");
        builder.UseSetting("Bff:Timeouts:Notifications", "00:00:01.500");
        builder.UseSetting("Bff:Timeouts:Ordering", "00:00:03");
        builder.UseSetting("Bff:Timeouts:Payments", "00:00:03");
        builder.UseSetting("Bff:Limits:PermitsPerWindow", "1000000");
        ConfigureBff(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // Only the innermost handler is replaced: resilience and everything else above it run as in production.
        builder.ConfigureTestServices(services => services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = Network.CreateHandler())));
    }
}
