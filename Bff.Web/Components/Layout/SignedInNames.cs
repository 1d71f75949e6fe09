using System.Security.Claims;

namespace Commerce.Bff.Web.Components.Layout;

/// <summary>What the header calls the signed-in customer.</summary>
public static class SignedInNames
{
    /// <summary>The name Identity gave (its <c>name</c> claim), else the e-mail; null for a visitor who has not signed in.</summary>
    public static string? DisplayName(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true
            ? null
            : user.FindFirstValue("name") ?? user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue("email") ?? user.FindFirstValue(ClaimTypes.Email) ?? "Your account";
}
