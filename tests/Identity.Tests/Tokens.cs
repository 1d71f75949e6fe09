using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Identity.Tests;

/// <summary>
/// Validates an access token the way a BFF will: signature against the provider's published JWKS (found through the
/// discovery document), issuer, lifetime, and the one audience that BFF accepts.
/// </summary>
public sealed class ResourceServer(HttpClient provider, string audience)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async Task<TokenValidationResult> ValidateAsync(string accessToken)
    {
        var discovery = await provider.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Cancellation);
        var jwks = await provider.GetStringAsync(discovery.GetProperty("jwks_uri").GetString(), Cancellation);
        return await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = discovery.GetProperty("issuer").GetString(),
            ValidAudience = audience,
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidateLifetime = true,
            ClockSkew = TimeSpan.Zero,
        });
    }

    public static JsonWebToken Read(string token) => new(token);
}
