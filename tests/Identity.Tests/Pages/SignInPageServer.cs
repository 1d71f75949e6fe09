using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Identity.Tests.Pages;

/// <summary>
/// The identity provider on Kestrel rather than the in-memory TestServer: a browser needs a real socket to connect to.
/// Same settings and database as every other Identity test (<see cref="IdentityProviderFactory"/>).
/// </summary>
public sealed class SignInPageServer : IdentityProviderFactory
{
    public SignInPageServer()
    {
        // Port 0 on loopback: the kernel picks a free port as Kestrel binds it, so no other server can take it first.
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where the provider listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
}
