using System.ComponentModel;

namespace Commerce.Bff.Web.Edge;

/// <summary>The browser pages that start and end a session (the storefront links and posts to them; they are not /api).</summary>
public static class AccountEndpoints
{
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string ReturnUrlParameter = "returnUrl";

    public static RouteGroupBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("").WithTags("Account").ExcludeFromDescription();
        account.MapGet(SignInPath, SignIn).WithName("SignIn");
        account.MapPost(SignOutPath, StorefrontSignIn.SignOut).WithName("SignOut").RequireAntiforgeryToken();
        return account;
    }

    /// <summary>Off to Identity, and back to <paramref name="returnUrl"/> when it is a page of this site (anything else would make this an open redirect).</summary>
    public static IResult SignIn([Description("Where to come back to: a path on this site; anything else means home.")] string? returnUrl) =>
        StorefrontSignIn.Challenge(IsLocal(returnUrl) ? returnUrl! : "/");

    /// <summary>A path on this site: one slash, not two (<c>//evil.example</c>) nor a backslash browsers read as one.</summary>
    public static bool IsLocal(string? url) =>
        url is ['/', ..] &&
        (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) &&
        !url.Any(char.IsControl);
}
