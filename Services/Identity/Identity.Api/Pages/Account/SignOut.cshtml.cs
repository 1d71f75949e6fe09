using Commerce.Identity.Api.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Server.AspNetCore;

namespace Commerce.Identity.Api.Pages.Account;

/// <summary>
/// The OpenID Connect end-session endpoint and the plain sign-out page in one. OpenIddict has already refused an
/// unregistered <c>post_logout_redirect_uri</c> before this runs. Signing out takes a confirmation (a form with an
/// antiforgery token), so another site cannot sign a customer out with a link.
/// </summary>
public sealed class SignOutModel(SignInManager<Customer> signIn) : PageModel
{
    public IEnumerable<KeyValuePair<string, string>> EndSessionParameters =>
        Request.Query.Select(parameter => KeyValuePair.Create(parameter.Key, parameter.Value.ToString()));

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        // To the client's registered post_logout_redirect_uri when the request named one, else home.
        return SignOut(new AuthenticationProperties { RedirectUri = "/" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
