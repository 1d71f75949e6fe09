using Commerce.Identity.Api.Domain;
using Commerce.Identity.Api.Oidc;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commerce.Identity.Api.Data;

/// <summary>
/// In Development (and only there, whatever the configuration says), the demo customers of the README, with fixed ids
/// so that demo data elsewhere can name them. Existing accounts are left as they are.
/// </summary>
public sealed class DemoCustomerSeeder(
    IServiceScopeFactory scopes,
    IOptions<IdentityProviderOptions> options,
    IHostEnvironment environment) : IHostedService
{
    public const string Password = "commerce-demo";

    public static readonly IReadOnlyList<Customer> Customers =
    [
        new() { Id = Guid.Parse("a0000000-0000-4000-8000-000000000001"), Email = "ada@example.com", DisplayName = "Ada Lovelace" },
        new() { Id = Guid.Parse("a0000000-0000-4000-8000-000000000002"), Email = "grace@example.com", DisplayName = "Grace Hopper" },
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || !options.Value.SeedDemoCustomers)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<UserManager<Customer>>();
        foreach (var demo in Customers)
        {
            if (await customers.FindByIdAsync(demo.Id.ToString()) is not null)
            {
                continue;
            }

            var customer = new Customer
            {
                Id = demo.Id,
                Email = demo.Email,
                UserName = demo.Email,
                DisplayName = demo.DisplayName,
                EmailConfirmed = true,
            };
            var created = await customers.CreateAsync(customer, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Demo customer {demo.Email} could not be created: {string.Join(" ", created.Errors.Select(error => error.Description))}");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
