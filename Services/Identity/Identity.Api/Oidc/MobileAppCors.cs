using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Commerce.Identity.Api.Oidc;

/// <summary>
/// The mobile app runs in a browser on its own origin and calls the OpenID Connect endpoints from script (discovery,
/// keys, tokens, user info, revocation, end session), so those, and only those, answer it cross-origin. The origins
/// allowed are exactly those of <c>bff-mobile</c>'s registered redirect URIs: a page elsewhere can no more read a token
/// response than it could receive the code. No credentials: the app sends tokens, never Identity's cookie.
/// </summary>
public static class MobileAppCors
{
    public const string PolicyName = "bff-mobile";

    private static readonly PathString[] OidcPaths =
    [
        "/.well-known/openid-configuration",
        "/.well-known/jwks",
        OpenIddictSetup.TokenPath,
        OpenIddictSetup.UserInfoPath,
        OpenIddictSetup.RevocationPath,
        OpenIddictSetup.EndSessionPath,
    ];

    public static IServiceCollection AddMobileAppCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<IdentityProviderOptions>>((cors, identity) =>
            cors.AddPolicy(PolicyName, policy => policy
                .WithOrigins([.. identity.Value.Clients.BffMobile.RedirectUris.Select(uri => uri.GetLeftPart(UriPartial.Authority)).Distinct()])
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders("Authorization", "Content-Type")));
        return services;
    }

    /// <summary>Before authentication: OpenIddict answers discovery, keys and revocation itself, inside that middleware.</summary>
    public static WebApplication UseMobileAppCors(this WebApplication app)
    {
        app.UseWhen(context => OidcPaths.Any(path => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)),
            oidc => oidc.UseCors(PolicyName));
        return app;
    }
}
