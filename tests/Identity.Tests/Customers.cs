using Commerce.Identity.Api.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Identity.Tests;

/// <summary>Customers made straight through ASP.NET Core Identity, as registration would make them.</summary>
public static class Customers
{
    public const string Password = "correct horse battery staple";

    public static async Task<Customer> CreateAsync(IdentityProviderFactory provider, string? email = null)
    {
        await using var scope = provider.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<UserManager<Customer>>();
        email ??= $"customer-{Guid.NewGuid():N}@example.com";
        var customer = new Customer { Email = email, UserName = email, DisplayName = "Test Customer" };
        var created = await customers.CreateAsync(customer, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(error => error.Description)));
        return customer;
    }
}
