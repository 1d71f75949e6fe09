using System.ComponentModel.DataAnnotations;

namespace Commerce.Identity.Api.Oidc;

/// <summary>The <c>Identity</c> configuration section.</summary>
public sealed class IdentityProviderOptions
{
    public const string Section = "Identity";

    /// <summary>
    /// The public URL of the provider (the <c>iss</c> of its tokens) where TLS ends in front of it, as on Azure Container
    /// Apps; unset, the issuer is the URL the request came in on.
    /// </summary>
    public Uri? Issuer { get; set; }

    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Outside Development: the PFX certificates that sign and encrypt tokens (Development uses development certificates).</summary>
    public TokenCertificates Certificates { get; set; } = new();

    public ClientRegistrations Clients { get; set; } = new();

    public SignInRateLimit SignInRateLimit { get; set; } = new();

    /// <summary>Whether the demo customers are created at start-up; only ever in Development.</summary>
    public bool SeedDemoCustomers { get; set; }
}

/// <summary>
/// Each certificate is a base64 PFX: the form in which Azure Key Vault hands out a certificate as a secret, so a
/// Container Apps secret that references it can be passed straight through (<c>Identity__Certificates__Signing</c>).
/// </summary>
public sealed class TokenCertificates
{
    public string? Signing { get; set; }

    public string? SigningPassword { get; set; }

    public string? Encryption { get; set; }

    public string? EncryptionPassword { get; set; }
}

public sealed class ClientRegistrations
{
    public ClientRegistration BffWeb { get; set; } = new();

    public ClientRegistration BffMobile { get; set; } = new();

    public ClientRegistration DevTools { get; set; } = new();
}

public sealed class ClientRegistration
{
    /// <summary>Confidential clients only (<c>bff-web</c>, <c>dev-tools</c>); stored hashed.</summary>
    public string? Secret { get; set; }

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];
}

/// <summary>How many sign-in and registration attempts one client address may make per window.</summary>
public sealed class SignInRateLimit
{
    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
