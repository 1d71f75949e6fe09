extern alias identityapi;

using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Customer = identityapi::Commerce.Identity.Api.Domain.Customer;

namespace Commerce.Bff.Web.Tests;

/// <summary>
/// The real identity provider in-process on its own database, as it runs in production (keys from configuration), with
/// the <c>bff-web</c> client registered for the BFF at <see cref="BffFactory.BffAddress"/> and its issuer at
/// <see cref="Authority"/>, the address by which both the browser and the BFF reach it on the test network.
/// </summary>
public sealed class IdentityService() : ServiceFactory<identityapi::Program>("identity")
{
    public const string BffWebSecret = "bff-web-test-secret";
    public const string CustomerPassword = "correct horse battery staple";
    public static readonly Uri Authority = new("http://identity/");

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Identity:Issuer", Authority.ToString());
        builder.UseSetting("Identity:Certificates:Signing", IdentityCertificates.Signing);
        builder.UseSetting("Identity:Certificates:Encryption", IdentityCertificates.Encryption);
        builder.UseSetting("Identity:Clients:BffWeb:Secret", BffWebSecret);
        builder.UseSetting("Identity:Clients:BffWeb:RedirectUris:0", new Uri(BffFactory.BffAddress, "/signin-oidc").ToString());
        builder.UseSetting("Identity:Clients:BffWeb:PostLogoutRedirectUris:0", new Uri(BffFactory.BffAddress, "/signout-callback-oidc").ToString());
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
