using Microsoft.AspNetCore.Mvc;

namespace Commerce.Identity.Api.Accounts;

public static class ReturnUrls
{
    /// <summary>
    /// Where to go after signing in or registering: the given URL only if it stays on this site (typically the
    /// authorization request that sent the customer here), else the home page, so the forms cannot be used to send a
    /// customer to another site.
    /// </summary>
    public static string Local(IUrlHelper url, string? returnUrl) =>
        returnUrl is { Length: > 0 } && url.IsLocalUrl(returnUrl) && !returnUrl.Any(char.IsControl) ? returnUrl : "/";
}
