using Commerce.Identity.Contracts;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Commerce.Bff.Mobile.Edge;

/// <summary>
/// The app signs in at Identity (a public client: code + PKCE) and sends its access token with every call; this BFF
/// accepts only tokens Identity issued for it (audience <c>bff-mobile</c>): a token for the web BFF is refused, so a
/// token leaked from one client opens nothing of the other. No cookies, so nothing a browser sends on its own: no
/// antiforgery either.
/// </summary>
public static class BearerTokens
{
    /// <summary>The section <c>Jwt</c>: <c>Authority</c>, Identity's URL, which is also the tokens' issuer.</summary>
    public const string AuthoritySetting = "Jwt:Authority";

    /// <summary>The claim that names the customer: the token's subject, never a claim the client could choose.</summary>
    public const string SubjectClaim = "sub";

    public static IHostApplicationBuilder AddBearerTokens(this IHostApplicationBuilder builder)
    {
        var authority = AuthorityFrom(builder.Configuration, builder.Environment);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(bearer =>
            {
                bearer.Authority = authority.ToString();
                // Identity's keys and metadata over plain HTTP only on a developer's machine (and the tests), where
                // nothing is TLS; anywhere else AuthorityFrom has refused such an authority already.
                bearer.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
                bearer.Audience = IdentityAudiences.BffMobile;
                // The claims as Identity wrote them: sub stays sub (no mapping to a long WS-* name).
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters.ValidateIssuer = true;
                bearer.TokenValidationParameters.ValidateAudience = true;
                bearer.TokenValidationParameters.NameClaimType = "name";
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    private static Uri AuthorityFrom(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!Uri.TryCreate(configuration[AuthoritySetting], UriKind.Absolute, out var authority)
            || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{AuthoritySetting} is not set to the identity provider's http(s) URL: no token could be checked.");
        }

        if (authority.Scheme == Uri.UriSchemeHttp && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{AuthoritySetting} is plain http outside Development: the keys that sign tokens must come over TLS.");
        }

        return authority;
    }
}
