namespace Commerce.Identity.Contracts;

/// <summary>The clients registered with the identity provider, by client id.</summary>
public static class IdentityClients
{
    /// <summary>The web BFF: a confidential client (code + PKCE, client secret) that keeps a cookie session.</summary>
    public const string BffWeb = "bff-web";

    /// <summary>The mobile app: a public client (code + PKCE) that holds access and rotating refresh tokens.</summary>
    public const string BffMobile = "bff-mobile";

    /// <summary>Tests and benchmarks: the password grant, registered in Development only.</summary>
    public const string DevTools = "dev-tools";
}

/// <summary>The audiences (<c>aud</c>) of access tokens: each BFF accepts only tokens issued for it.</summary>
public static class IdentityAudiences
{
    public const string BffWeb = "bff-web";

    public const string BffMobile = "bff-mobile";
}

/// <summary>
/// The API scopes a client asks for to get an access token for a BFF; each grants exactly the audience of the same name.
/// With them a client asks for the standard <c>openid</c>, <c>profile</c>, <c>email</c> and, for refresh tokens,
/// <c>offline_access</c>.
/// </summary>
public static class IdentityScopes
{
    public const string BffWeb = "bff-web";

    public const string BffMobile = "bff-mobile";
}
