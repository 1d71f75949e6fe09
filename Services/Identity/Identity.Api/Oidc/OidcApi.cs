using System.Security.Claims;
using Commerce.Identity.Api.Accounts;
using Commerce.Identity.Api.Domain;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Commerce.Identity.Api.Oidc;

/// <summary>
/// The parts of the OpenID Connect endpoints that need the customer: OpenIddict has validated each request (client,
/// redirect URI, PKCE, scopes, grant type) before these handlers run, and answers every protocol error itself.
/// Discovery, JWKS, introspection and revocation are OpenIddict's alone.
/// </summary>
public static class OidcApi
{
    public static IEndpointRouteBuilder MapOidcApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods(OpenIddictSetup.AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync)
            .ExcludeFromDescription();
        app.MapPost(OpenIddictSetup.TokenPath, ExchangeAsync).ExcludeFromDescription();
        app.MapMethods(OpenIddictSetup.UserInfoPath, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, [AsParameters] OidcServices services)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not handle this authorization request.");

        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var customer = session.Succeeded ? await services.Customers.GetUserAsync(session.Principal) : null;
        if (customer is null || await services.Customers.IsLockedOutAsync(customer))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The customer is not signed in.");
            }

            // To the sign-in page, which comes back here with the same request once the customer is signed in.
            var parameters = context.Request.HasFormContentType
                ? QueryString.Create(context.Request.Form)
                : QueryString.Create(context.Request.Query);
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + parameters },
                [IdentityConstants.ApplicationScheme]);
        }

        var application = await services.Applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted)
            ?? throw new InvalidOperationException("OpenIddict validated a client that does not exist.");
        if (await services.Applications.GetConsentTypeAsync(application, context.RequestAborted) != ConsentTypes.Implicit)
        {
            // Only first-party clients are registered; a third-party one would need a consent page first.
            return Refuse(Errors.ConsentRequired, "This client needs the customer's consent, which this provider cannot ask for yet.");
        }

        // No authorization is attached: OpenIddict makes an ad-hoc one per sign-in, so revoking one device's chain of
        // refresh tokens leaves the customer's other devices signed in.
        var identity = await CustomerClaims.ForSignInAsync(customer, request.GetScopes(), services.Scopes, context.RequestAborted);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, [AsParameters] OidcServices services)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not handle this token request.");

        if (request.IsPasswordGrantType())
        {
            // Development only, for the dev-tools client: the same check, lockout and answer as the sign-in page.
            var customer = request.Username is { } email && request.Password is { } password
                ? await services.Credentials.CheckAsync(email, password)
                : null;
            if (customer is null)
            {
                return Refuse(Errors.InvalidGrant, SignInMessages.Refused);
            }

            var identity = await CustomerClaims.ForSignInAsync(customer, request.GetScopes(), services.Scopes, context.RequestAborted);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        // An authorization code or refresh token that OpenIddict has already validated (and, for a refresh token, retired).
        var redeemed = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = redeemed.Principal?.GetClaim(Claims.Subject);
        var current = subject is null ? null : await services.Customers.FindByIdAsync(subject);
        if (current is null || await services.Customers.IsLockedOutAsync(current))
        {
            return Refuse(Errors.InvalidGrant, "The customer can no longer sign in.");
        }

        var refreshed = CustomerClaims.Refresh(new ClaimsIdentity(redeemed.Principal!.Claims,
            TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role), current);
        return Results.SignIn(new ClaimsPrincipal(refreshed), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<Results<Ok<Dictionary<string, object>>, ChallengeHttpResult>> UserInfoAsync(
        HttpContext context, [AsParameters] OidcServices services)
    {
        var token = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (token.Principal?.GetClaim(Claims.Subject) is not { } subject ||
            await services.Customers.FindByIdAsync(subject) is not { } customer)
        {
            return TypedResults.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The customer no longer exists.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = customer.Id.ToString() };
        if (token.Principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = customer.DisplayName;
        }

        if (token.Principal.HasScope(Scopes.Email) && customer.Email is { } email)
        {
            claims[Claims.Email] = email;
            claims[Claims.EmailVerified] = customer.EmailConfirmed;
        }

        return TypedResults.Ok(claims);
    }

    private static ForbidHttpResult Refuse(string error, string description) => TypedResults.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

/// <summary>What the OpenID Connect handlers need, bundled.</summary>
public sealed record OidcServices(
    UserManager<Customer> Customers,
    CustomerCredentials Credentials,
    IOpenIddictApplicationManager Applications,
    IOpenIddictScopeManager Scopes);
