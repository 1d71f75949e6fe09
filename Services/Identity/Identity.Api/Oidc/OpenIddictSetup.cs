using System.Security.Cryptography.X509Certificates;
using Commerce.Identity.Api.Data;
using Microsoft.AspNetCore.DataProtection;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Commerce.Identity.Api.Oidc;

public static class OpenIddictSetup
{
    public const string AuthorizationPath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string UserInfoPath = "/connect/userinfo";
    public const string IntrospectionPath = "/connect/introspect";
    public const string RevocationPath = "/connect/revoke";

    /// <summary>The end-session endpoint is the sign-out page itself (it asks the customer to confirm).</summary>
    public const string EndSessionPath = "/account/sign-out";

    public static void AddOpenIddictServer(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(IdentityProviderOptions.Section).Get<IdentityProviderOptions>() ?? new();
        var isDevelopment = builder.Environment.IsDevelopment();

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(AuthorizationPath)
                    .SetTokenEndpointUris(TokenPath)
                    .SetUserInfoEndpointUris(UserInfoPath)
                    .SetEndSessionEndpointUris(EndSessionPath)
                    .SetIntrospectionEndpointUris(IntrospectionPath)
                    .SetRevocationEndpointUris(RevocationPath);

                // PKCE for every code flow, the confidential web BFF's too (it also stops code injection there).
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow();
                if (isDevelopment)
                {
                    // Only the dev-tools client holds the permission, and only Development registers it.
                    server.AllowPasswordFlow();
                }

                // The BFFs' API scopes live in the scope store, each with its audience.
                server.RegisterScopes(Scopes.Email, Scopes.Profile, Scopes.OfflineAccess);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    // Refresh tokens roll (each use returns a new one and retires the old); with no leeway, presenting
                    // a retired one is taken as theft and revokes every token of that sign-in.
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                // Access tokens are signed JWTs, not encrypted ones, so the BFFs validate them with the published
                // JWKS alone. Authorization codes and refresh tokens, read only by this service, stay encrypted.
                server.DisableAccessTokenEncryption();
                if (options.Issuer is { } issuer)
                {
                    server.SetIssuer(issuer);
                }

                AddKeys(server, builder.Services, options.Certificates, isDevelopment);

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // Like every Commerce service it speaks plain HTTP; TLS ends at the ingress in front of it.
                    .DisableTransportSecurityRequirement();
            });
    }

    private static void AddKeys(OpenIddictServerBuilder server, IServiceCollection services, TokenCertificates certificates, bool isDevelopment)
    {
        if (isDevelopment && certificates.Signing is null && certificates.Encryption is null)
        {
            // Self-signed certificates that OpenIddict makes once and keeps in the user's certificate store.
            server.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
            return;
        }

        var encryption = Load(certificates.Encryption, certificates.EncryptionPassword, "Encryption");
        server.AddSigningCertificate(Load(certificates.Signing, certificates.SigningPassword, "Signing"))
            .AddEncryptionCertificate(encryption);
        // The Data Protection key ring (cookies, antiforgery) lives in identitydb; encrypted with the same certificate,
        // whoever can read the database still cannot forge a session. Unprotecting names the certificate outright, as it
        // is loaded from configuration, not from a certificate store the decryptor could search.
        services.AddDataProtection().ProtectKeysWithCertificate(encryption).UnprotectKeysWithAnyCertificate(encryption);
    }

    private static X509Certificate2 Load(string? base64Pfx, string? password, string name)
    {
        if (string.IsNullOrWhiteSpace(base64Pfx))
        {
            throw new InvalidOperationException(
                $"Identity:Certificates:{name} is not set: outside Development the provider needs a base64 PFX certificate " +
                "to sign and encrypt tokens (on Azure Container Apps, a secret referencing a Key Vault certificate).");
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64Pfx), password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception problem) when (problem is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"Identity:Certificates:{name} is not a base64 PFX certificate that opens: {problem.Message}", problem);
        }
    }
}
