extern alias identityapi;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Customer = identityapi::Commerce.Identity.Api.Domain.Customer;

namespace Commerce.Testing.Services;

/// <summary>
/// The real identity provider in-process on its own database, as it runs in production (keys from configuration), with
/// both BFFs' clients registered: the confidential <c>bff-web</c> at <see cref="BffWebAddress"/> and the public
/// <c>bff-mobile</c> (the app it serves) at <see cref="BffMobileAddress"/>; its issuer is <see cref="Authority"/>, the
/// address by which the browsers and the BFFs reach it on the test network.
/// </summary>
public sealed class IdentityService() : ServiceFactory<identityapi::Program>("identity")
{
    public const string BffWebSecret = "bff-web-test-secret";
    public const string CustomerPassword = "correct horse battery staple";
    public static readonly Uri Authority = new("http://identity/");

    /// <summary>Where browsers reach the web BFF in its tests: the host of <c>bff-web</c>'s redirect URIs.</summary>
    public static readonly Uri BffWebAddress = new("http://bff-web/");

    /// <summary>Where the mobile app and its BFF are reached in their tests: the host of <c>bff-mobile</c>'s redirect URIs.</summary>
    public static readonly Uri BffMobileAddress = new("http://bff-mobile/");

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Identity:Issuer", Authority.ToString());
        builder.UseSetting("Identity:Certificates:Signing", IdentityCertificates.Signing);
        builder.UseSetting("Identity:Certificates:Encryption", IdentityCertificates.Encryption);
        builder.UseSetting("Identity:Clients:BffWeb:Secret", BffWebSecret);
        builder.UseSetting("Identity:Clients:BffWeb:RedirectUris:0", new Uri(BffWebAddress, "/signin-oidc").ToString());
        builder.UseSetting("Identity:Clients:BffWeb:PostLogoutRedirectUris:0", new Uri(BffWebAddress, "/signout-callback-oidc").ToString());
        builder.UseSetting("Identity:Clients:BffMobile:RedirectUris:0", new Uri(BffMobileAddress, "/authentication/login-callback").ToString());
        builder.UseSetting("Identity:Clients:BffMobile:PostLogoutRedirectUris:0", new Uri(BffMobileAddress, "/authentication/logout-callback").ToString());
        // Every test browser comes from the same (absent) client address: the sign-in limit must not throttle the suite.
        builder.UseSetting("Identity:SignInRateLimit:PermitLimit", "100000");
    }

    /// <summary>A fresh customer account, made through ASP.NET Core Identity as the registration page makes one.</summary>
    public async Task<RegisteredCustomer> RegisterCustomerAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<UserManager<Customer>>();
        var email = $"customer-{Guid.NewGuid():N}@example.com";
        var customer = new Customer { Email = email, UserName = email, DisplayName = $"Customer {email[9..17]}" };
        var created = await customers.CreateAsync(customer, CustomerPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(error => error.Description)));
        return new RegisteredCustomer(customer.Id.ToString(), email, customer.DisplayName);
    }
}

/// <summary>An account at Identity: its id (the tokens' <c>sub</c>), e-mail and display name; the password is <see cref="IdentityService.CustomerPassword"/>.</summary>
public sealed record RegisteredCustomer(string Id, string Email, string Name);
