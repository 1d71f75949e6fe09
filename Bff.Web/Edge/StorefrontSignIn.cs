using System.Security.Claims;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Identity.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Commerce.Bff.Web.Edge;

/// <summary>
/// Customers sign in at Identity (OpenID Connect, code + PKCE, this BFF a confidential client) and then hold a cookie
/// session here. Tokens stay on the server: the session keeps the customer's id, e-mail and name, and the id token
/// only because ending the provider's session asks for it back (the cookie is encrypted, never readable by script).
/// </summary>
public static class StorefrontSignIn
{
    public const string SessionCookieName = "commerce-session";
    public const string AntiforgeryCookieName = "commerce-antiforgery";
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";
    private const string IdTokenName = "id_token";
    private const string HttpClientName = "identity-provider";

    public static IHostApplicationBuilder AddStorefrontSignIn(this IHostApplicationBuilder builder)
    {
        var provider = IdentityProviderSettings.From(builder.Configuration);
        // Secure cookies everywhere but on a developer's plain-HTTP machine, where a browser would drop them.
        var secure = provider.IsPlainHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = SessionCookieName;
                cookie.Cookie.HttpOnly = true;
                // Lax: the session must come along on the top-level redirect back from Identity, and on links into the shop.
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = secure;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = AccountEndpoints.SignInPath;
                cookie.ReturnUrlParameter = AccountEndpoints.ReturnUrlParameter;
                cookie.Events.OnRedirectToLogin = context => ApiGetsProblemOrBrowserGoes(context, StatusCodes.Status401Unauthorized,
                    "Sign in first", $"This needs a signed-in customer: sign in at {AccountEndpoints.SignInPath}.");
                cookie.Events.OnRedirectToAccessDenied = context => ApiGetsProblemOrBrowserGoes(context, StatusCodes.Status403Forbidden,
                    "Not allowed", "The signed-in customer may not do this.");
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = provider.Authority!.ToString();
                oidc.RequireHttpsMetadata = !provider.IsPlainHttp;
                oidc.ClientId = IdentityClients.BffWeb;
                oidc.ClientSecret = provider.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back on a top-level GET, which a SameSite=Lax cookie (correlation, nonce) survives;
                // form_post would need SameSite=None, which browsers refuse on plain HTTP.
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                oidc.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email", IdentityScopes.BffWeb })
                {
                    oidc.Scope.Add(scope);
                }

                oidc.CallbackPath = CallbackPath;
                oidc.SignedOutCallbackPath = SignedOutCallbackPath;
                oidc.SignedOutRedirectUri = "/";
                oidc.SaveTokens = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.MapInboundClaims = false;
                oidc.TokenValidationParameters.NameClaimType = SignedInCustomer.NameClaim;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = secure;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = secure;
                oidc.Events.OnTokenValidated = KeepOnlyWhatTheStorefrontNeeds;
                oidc.Events.OnRemoteFailure = RefuseFailedSignIn;
            });
        // Metadata, keys and the code exchange go through the client factory, so they get the standard resilience
        // handler like every other outgoing call (and tests can route them).
        builder.Services.AddHttpClient(HttpClientName);
        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((oidc, clients) => oidc.Backchannel = clients.CreateClient(HttpClientName));
        builder.Services.AddAuthorization();

        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = StorefrontHeaders.AntiforgeryToken;
            antiforgery.Cookie.Name = AntiforgeryCookieName;
            antiforgery.Cookie.SecurePolicy = secure;
            // The security headers already forbid all framing.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        return builder;
    }

    /// <summary>Ends the session here and at Identity (which asks the customer to confirm), then back home.</summary>
    public static IResult SignOut() => TypedResults.SignOut(
        new AuthenticationProperties { RedirectUri = "/" },
        [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);

    public static IResult Challenge(string returnUrl) => TypedResults.Challenge(
        new AuthenticationProperties { RedirectUri = returnUrl },
        [OpenIdConnectDefaults.AuthenticationScheme]);

    /// <summary>
    /// The session is the customer's id (<c>sub</c>), e-mail and name, nothing else of the id token: less to leak, and a
    /// cookie that stays small. The id token is kept (encrypted in the cookie) as the hint for ending Identity's session.
    /// </summary>
    private static Task KeepOnlyWhatTheStorefrontNeeds(TokenValidatedContext context)
    {
        var token = context.Principal!;
        var session = new ClaimsIdentity(
            [.. new[] { SignedInCustomer.SubjectClaim, SignedInCustomer.EmailClaim, SignedInCustomer.NameClaim }
                .Select(type => token.FindFirst(type))
                .OfType<Claim>()
                .Select(claim => new Claim(claim.Type, claim.Value))],
            CookieAuthenticationDefaults.AuthenticationScheme,
            SignedInCustomer.NameClaim,
            roleType: null);
        if (session.FindFirst(SignedInCustomer.SubjectClaim) is null)
        {
            context.Fail("The identity provider's token names no subject (sub).");
            return Task.CompletedTask;
        }

        context.Principal = new ClaimsPrincipal(session);
        if (context.TokenEndpointResponse?.IdToken is { } idToken)
        {
            context.Properties!.StoreTokens([new AuthenticationToken { Name = IdTokenName, Value = idToken }]);
        }

        return Task.CompletedTask;
    }

    /// <summary>A callback that cannot complete (forged or replayed state, an error from Identity) is the browser's problem, not a 500.</summary>
    private static async Task RefuseFailedSignIn(RemoteFailureContext context)
    {
        context.HandleResponse();
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorefrontSignIn))
            .LogWarning(context.Failure, "A sign-in callback failed");
        await TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Sign-in did not complete",
            detail: $"Start again at {AccountEndpoints.SignInPath}.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1").ExecuteAsync(context.HttpContext);
    }

    /// <summary>Script calls to /api get a 401/403 ProblemDetails they can act on; only pages are sent to sign in.</summary>
    private static Task ApiGetsProblemOrBrowserGoes(RedirectContext<CookieAuthenticationOptions> context, int status, string title, string detail)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        return TypedResults.Problem(statusCode: status, title: title, detail: detail,
            type: status == StatusCodes.Status401Unauthorized
                ? "https://tools.ietf.org/html/rfc9110#section-15.5.2"
                : "https://tools.ietf.org/html/rfc9110#section-15.5.4").ExecuteAsync(context.HttpContext);
    }
}
