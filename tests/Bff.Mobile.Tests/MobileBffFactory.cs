extern alias bffmobile;

using System.Net.Http.Headers;
using Commerce.Bff.Mobile.Client;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Refit;
using Yarp.ReverseProxy.Forwarder;

namespace Commerce.Bff.Mobile.Tests;

/// <summary>
/// The mobile BFF in-process at <see cref="IdentityService.BffMobileAddress"/>. Everything it sends goes through one
/// <see cref="FaultNetwork"/> to <see cref="Downstream"/>'s services: its Refit clients, YARP's image pass-through and the
/// bearer handler's fetches of Identity's metadata and keys, so a test can make any of them fail, slow down or stop.
/// </summary>
public sealed class MobileBffFactory(Downstream downstream) : InProcessBff<bffmobile::Program>(downstream, IdentityService.BffMobileAddress)
{
    protected override void ConfigureBff(IWebHostBuilder builder)
    {
        // Development: the BFF takes Identity's keys over plain http (the test network's) only there.
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Jwt:Authority", IdentityService.Authority.ToString());
        // The proxy and the token checks run as in production, over the same network as the Refit clients.
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IForwarderHttpClientFactory>(new NetworkForwarderClients(Network));
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer => bearer.BackchannelHttpHandler = Network.CreateHandler());
        });
    }

    /// <summary>A fresh customer, registered at Identity and signed in as the app signs in (code + PKCE, no secret).</summary>
    public async Task<MobileCustomer> SignInAsync()
    {
        var account = await Downstream.Identity.RegisterCustomerAsync();
        using var browser = new SiteBrowser(new Dictionary<string, HttpMessageHandler> { [IdentityService.Authority.Host] = Downstream.Identity.Server.CreateHandler() });
        var tokens = await CodeFlow.SignInAsync(browser, IdentityClient.Mobile, account);
        return new MobileCustomer(account, tokens.AccessToken, CreateClient(tokens.AccessToken));
    }

    /// <summary>A client of the BFF that sends <paramref name="accessToken"/> as its bearer token (none when null).</summary>
    public HttpClient CreateClient(string? accessToken)
    {
        var client = CreateClient();
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>The contract over an anonymous client, as a signed-out app has it.</summary>
    public IMobileBffApi CreateApi() => RestService.For<IMobileBffApi>(CreateClient());

    /// <summary>YARP's connections to Catalog, over the same network as everything else.</summary>
    private sealed class NetworkForwarderClients(FaultNetwork network) : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => context.OldClient ?? new HttpMessageInvoker(network.CreateHandler());
    }
}

/// <summary>A fresh customer signed in to the mobile BFF: <see cref="Http"/> sends their access token with every call.</summary>
public sealed class MobileCustomer(RegisteredCustomer account, string accessToken, HttpClient http) : IDisposable
{
    public string CustomerId => account.Id;

    public string AccessToken => accessToken;

    public HttpClient Http => http;

    /// <summary>The contract, as the app calls it.</summary>
    public IMobileBffApi Api { get; } = RestService.For<IMobileBffApi>(http);

    public void Dispose() => http.Dispose();
}
