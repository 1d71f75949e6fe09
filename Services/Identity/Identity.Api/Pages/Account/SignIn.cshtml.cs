using System.ComponentModel.DataAnnotations;
using Commerce.Identity.Api.Accounts;
using Commerce.Identity.Api.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Commerce.Identity.Api.Pages.Account;

[EnableRateLimiting(SignInRateLimiting.Policy)]
public sealed class SignInModel(CustomerCredentials credentials, SignInManager<Customer> signIn) : PageModel
{
    [BindProperty]
    public SignInForm Form { get; set; } = new();

    /// <summary>Typically the authorization request that sent the customer here; only ever followed if it is local.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Refusal { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var customer = await credentials.CheckAsync(Form.Email, Form.Password);
        if (customer is null)
        {
            Refusal = SignInMessages.Refused;
            return Page();
        }

        await signIn.SignInAsync(customer, isPersistent: false);
        return LocalRedirect(ReturnUrls.Local(Url, ReturnUrl));
    }
}

public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
    [StringLength(256)]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(256)]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";
}
