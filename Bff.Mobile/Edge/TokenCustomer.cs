using System.Security.Claims;

namespace Commerce.Bff.Mobile.Edge;

/// <summary>Who a call is from: the customer Identity issued its access token to.</summary>
public static class TokenCustomer
{
    /// <summary>
    /// The customer id: the token's <c>sub</c>, the one id Ordering scopes every read by. Only for endpoints that
    /// require authorization, where a call without it cannot arrive.
    /// </summary>
    public static string CustomerId(this ClaimsPrincipal user) =>
        user.CustomerIdOrNull() ?? throw new InvalidOperationException("The call carries no token: the endpoint must require authorization.");

    /// <summary>The customer id when the call carries a valid token, else null.</summary>
    public static string? CustomerIdOrNull(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(BearerTokens.SubjectClaim) : null;
}
