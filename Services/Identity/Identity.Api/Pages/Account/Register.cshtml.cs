using System.ComponentModel.DataAnnotations;
using Commerce.Identity.Api.Accounts;
using Commerce.Identity.Api.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Commerce.Identity.Api.Pages.Account;

[EnableRateLimiting(SignInRateLimiting.Policy)]
public sealed class RegisterModel(UserManager<Customer> customers, SignInManager<Customer> signIn) : PageModel
{
    [BindProperty]
    public RegisterForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var customer = new Customer { Email = Form.Email, UserName = Form.Email, DisplayName = Form.DisplayName.Trim() };
        var created = await customers.CreateAsync(customer, Form.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(FieldOf(error), error.Description);
            }

            return Page();
        }

        await signIn.SignInAsync(customer, isPersistent: false);
        return LocalRedirect(ReturnUrls.Local(Url, ReturnUrl));
    }

    private static string FieldOf(IdentityError error) => error.Code switch
    {
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "Form.Password",
        "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName" => "Form.Email",
        _ => "",
    };
}

public sealed class RegisterForm
{
    public const int MinimumPasswordLength = 10;

    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
    [StringLength(256)]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(Customer.MaxDisplayNameLength)]
    [Display(Name = "Name")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(256, MinimumLength = MinimumPasswordLength, ErrorMessage = "Choose a password of at least {2} characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Enter the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password again")]
    public string ConfirmPassword { get; set; } = "";
}
