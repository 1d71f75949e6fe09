using Commerce.Identity.Contracts;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Commerce.Identity.Api.Oidc;

/// <summary>
/// What each client may do. All three are first-party, so consent is implicit: a customer who signs in is not asked
/// again whether the storefront may know who they are. A third-party client would be registered with explicit consent
/// (and the authorization endpoint refuses it until a consent page exists).
/// </summary>
public static class ClientDescriptors
{
    public static OpenIddictApplicationDescriptor BffWeb(ClientRegistration registration)
    {
        var descriptor = Interactive(IdentityClients.BffWeb, "Commerce storefront", registration, IdentityScopes.BffWeb);
        descriptor.ClientType = ClientTypes.Confidential;
        descriptor.ClientSecret = registration.Secret is { Length: > 0 } secret
            ? secret
            : throw new InvalidOperationException(
                $"Identity:Clients:BffWeb:Secret is not set: the {IdentityClients.BffWeb} client is confidential and needs a secret.");
        // The web BFF may ask whether a token is still live (e.g. after a sign-out elsewhere).
        descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        return descriptor;
    }

    public static OpenIddictApplicationDescriptor BffMobile(ClientRegistration registration)
    {
        var descriptor = Interactive(IdentityClients.BffMobile, "Commerce mobile app", registration, IdentityScopes.BffMobile);
        descriptor.ClientType = ClientTypes.Public;
        return descriptor;
    }

    public static OpenIddictApplicationDescriptor DevTools(ClientRegistration registration) => new()
    {
        ClientId = IdentityClients.DevTools,
        ClientSecret = registration.Secret is { Length: > 0 } secret
            ? secret
            : throw new InvalidOperationException("Identity:Clients:DevTools:Secret is not set."),
        ClientType = ClientTypes.Confidential,
        ConsentType = ConsentTypes.Implicit,
        DisplayName = "Commerce tests and benchmarks",
        Permissions =
        {
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Introspection,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.Password,
            Permissions.GrantTypes.RefreshToken,
            Permissions.Scopes.Email,
            Permissions.Scopes.Profile,
            Permissions.Prefixes.Scope + IdentityScopes.BffWeb,
            Permissions.Prefixes.Scope + IdentityScopes.BffMobile,
        },
    };

    private static OpenIddictApplicationDescriptor Interactive(
        string clientId, string displayName, ClientRegistration registration, string apiScope)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = displayName,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + apiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(registration.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(registration.PostLogoutRedirectUris);
        return descriptor;
    }
}
