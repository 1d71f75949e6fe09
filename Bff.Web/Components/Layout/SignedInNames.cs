using System.Security.Claims;
using Commerce.Bff.Web.Edge;

namespace Commerce.Bff.Web.Components.Layout;

/// <summary>What the header calls the signed-in customer.</summary>
public static class SignedInNames
{
    /// <summary>The name Identity gave, else the e-mail; null for a visitor who has not signed in.</summary>
    public static string? DisplayName(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true
            ? null
            : NonEmpty(user.FindFirstValue(SignedInCustomer.NameClaim)) ?? NonEmpty(user.FindFirstValue(SignedInCustomer.EmailClaim)) ?? "Your account";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
