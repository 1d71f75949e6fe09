using Commerce.Identity.Api.Oidc;
using Commerce.Identity.Contracts;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Commerce.Identity.Api.Data;

/// <summary>
/// Registers the clients and the API scopes from configuration at every start: created when missing, brought in line
/// with the configuration when present (a changed redirect URI or secret takes effect on the next start). The
/// <c>dev-tools</c> client exists only in Development and is removed anywhere else.
/// </summary>
public sealed class ClientRegistrationSeeder(
    IServiceScopeFactory scopes,
    IOptions<IdentityProviderOptions> options,
    IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var scopeManager = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();

        await RegisterApiScopeAsync(scopeManager, IdentityScopes.BffWeb, IdentityAudiences.BffWeb, cancellationToken);
        await RegisterApiScopeAsync(scopeManager, IdentityScopes.BffMobile, IdentityAudiences.BffMobile, cancellationToken);

        var clients = options.Value.Clients;
        await RegisterAsync(applications, ClientDescriptors.BffWeb(clients.BffWeb), cancellationToken);
        await RegisterAsync(applications, ClientDescriptors.BffMobile(clients.BffMobile), cancellationToken);
        if (environment.IsDevelopment())
        {
            await RegisterAsync(applications, ClientDescriptors.DevTools(clients.DevTools), cancellationToken);
        }
        else if (await applications.FindByClientIdAsync(IdentityClients.DevTools, cancellationToken) is { } devTools)
        {
            // A database that was used in Development once must not keep a password-grant client.
            await applications.DeleteAsync(devTools, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task RegisterAsync(
        IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    private static async Task RegisterApiScopeAsync(
        IOpenIddictScopeManager scopeManager, string name, string audience, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictScopeDescriptor
        {
            Name = name,
            DisplayName = $"Access to {audience}",
            Resources = { audience },
        };
        if (await scopeManager.FindByNameAsync(name, cancellationToken) is { } existing)
        {
            await scopeManager.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await scopeManager.CreateAsync(descriptor, cancellationToken);
        }
    }
}
