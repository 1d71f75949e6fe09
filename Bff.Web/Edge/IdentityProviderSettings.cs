namespace Commerce.Bff.Web.Edge;

/// <summary>The section <c>Oidc</c>: where customers sign in, and the secret of the <c>bff-web</c> client there.</summary>
public sealed class IdentityProviderSettings
{
    public const string Section = "Oidc";

    /// <summary>The identity provider's URL as browsers reach it (its issuer); metadata and tokens come from there too.</summary>
    public Uri? Authority { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Plain HTTP only on a developer's machine (Development, the AppHost's local mode), where nothing else is TLS either.</summary>
    public bool IsPlainHttp => Authority?.Scheme == Uri.UriSchemeHttp;

    public static IdentityProviderSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<IdentityProviderSettings>() ?? new();
        if (settings.Authority is not { IsAbsoluteUri: true } authority || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{Section}:Authority is not set to the identity provider's http(s) URL: customers could not sign in.");
        }

        if (string.IsNullOrWhiteSpace(settings.ClientSecret))
        {
            throw new InvalidOperationException($"{Section}:ClientSecret is not set: the bff-web client is confidential and needs its secret.");
        }

        return settings;
    }
}
