using System.Security.Claims;

namespace Commerce.Bff.Web.Edge;

/// <summary>Who the session belongs to, as the identity provider said at sign-in.</summary>
public static class SignedInCustomer
{
    /// <summary>The claim types the session keeps: the OpenID Connect names, unmapped.</summary>
    public const string SubjectClaim = "sub";
    public const string EmailClaim = "email";
    public const string NameClaim = "name";

    /// <summary>
    /// The customer id: the token's <c>sub</c>, the one id Ordering and Notifications scope every read by. Only for
    /// endpoints that require authorization, where a session without it cannot exist.
    /// </summary>
    public static string CustomerId(this ClaimsPrincipal user) =>
        user.CustomerIdOrNull() ?? throw new InvalidOperationException("The request is not signed in: the endpoint must require authorization.");

    /// <summary>The customer id when the request is signed in, else null.</summary>
    public static string? CustomerIdOrNull(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(SubjectClaim) : null;
}
