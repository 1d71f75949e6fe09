using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Bff.Web.Tests.Pages;

/// <summary>
/// The BFF served over loopback (Kestrel) for a real browser, against the same in-process services as every other test;
/// and, for the signed-in pages, a customer signed in through the real code + PKCE flow whose session a browser can take.
/// </summary>
public sealed class ServedStorefront(Downstream downstream) : IAsyncDisposable
{
    private readonly BffFactory _bff = new(downstream);

    /// <summary>Where the browser finds the storefront, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Site { get; private set; } = default!;

    public ServedStorefront Start()
    {
        // Port 0 on loopback: the kernel picks a free port as Kestrel binds it.
        _bff.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _bff.StartServer();
        Site = new Uri(_bff.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return this;
    }

    /// <summary>
    /// A fresh customer signed in by <see cref="SignInFlow"/> and the session cookies it ended with. The flow speaks to
    /// the served BFF under its registered name (<see cref="BffFactory.BffAddress"/>, which Identity's redirect URIs
    /// name), so the cookies are those any browser of the site would get.
    /// </summary>
    public async Task<(RegisteredCustomer Customer, IReadOnlyList<Cookie> Session)> SignInAsync()
    {
        var customer = await downstream.Identity.RegisterCustomerAsync();
        using var browser = new SiteBrowser(
            new Dictionary<string, HttpMessageHandler>
            {
                [BffFactory.BffAddress.Host] = new UnderRegisteredName(Site),
                [IdentityService.Authority.Host] = downstream.Identity.Server.CreateHandler(),
            },
            BffFactory.BffAddress);
        await SignInFlow.WalkAsync(browser, customer, "/");
        return (customer, [.. browser.CookiesFor(BffFactory.BffAddress)]);
    }

    public async ValueTask DisposeAsync() => await _bff.DisposeAsync();

    /// <summary>Sends a request for the registered name to the served BFF, with the registered name as its Host.</summary>
    private sealed class UnderRegisteredName(Uri site) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _loopback = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var forwarded = new HttpRequestMessage(request.Method, new Uri(site, request.RequestUri!.PathAndQuery)) { Content = request.Content };
            foreach (var header in request.Headers)
            {
                forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            forwarded.Headers.Host = request.RequestUri.Authority;
            var response = await _loopback.SendAsync(forwarded, cancellationToken);
            response.RequestMessage = request;
            return response;
        }

        protected override void Dispose(bool disposing)
        {
            _loopback.Dispose();
            base.Dispose(disposing);
        }
    }
}
