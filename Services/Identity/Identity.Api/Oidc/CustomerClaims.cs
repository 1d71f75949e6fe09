using System.Security.Claims;
using Commerce.Identity.Api.Domain;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Commerce.Identity.Api.Oidc;

/// <summary>What tokens say about a customer, and which token says what.</summary>
public static class CustomerClaims
{
    /// <summary>A new identity for a customer who just signed in, with the granted scopes and their audiences.</summary>
    public static async Task<ClaimsIdentity> ForSignInAsync(
        Customer customer, IEnumerable<string> scopes, IOpenIddictScopeManager scopeManager, CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetScopes(scopes);
        identity.SetResources(await scopeManager.ListResourcesAsync(identity.GetScopes(), cancellationToken).ToListAsync(cancellationToken));
        return Refresh(identity, customer);
    }

    /// <summary>
    /// The identity of a redeemed code or refresh token with the customer's current details. The rest (scopes,
    /// audiences, and the authorization the token belongs to, which reuse detection revokes) is kept as it was.
    /// </summary>
    public static ClaimsIdentity Refresh(ClaimsIdentity identity, Customer customer)
    {
        identity.SetClaim(Claims.Subject, customer.Id.ToString())
            .SetClaim(Claims.Email, customer.Email)
            .SetClaim(Claims.Name, customer.DisplayName);
        identity.SetDestinations(claim => Destinations(claim, identity));
        return identity;
    }

    private static IEnumerable<string> Destinations(Claim claim, ClaimsIdentity identity) => claim.Type switch
    {
        // The customer id: what the BFFs pass on to Ordering and Notifications.
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name when identity.HasScope(Scopes.Profile) =>
            [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Email when identity.HasScope(Scopes.Email) =>
            [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [],
    };
}
