using Commerce.Bff.Mobile.App;
using Commerce.Bff.Mobile.Edge;
using Commerce.Identity.Contracts;
using Microsoft.Net.Http.Headers;

namespace Commerce.Bff.Mobile;

/// <summary>
/// Serves the mobile app (Bff.Mobile.App): its static files, its settings for this environment, and its shell for every
/// path that is not the API, each with the shell's security headers.
/// </summary>
public static class MobileAppHosting
{
    public const string SettingsPath = "/" + MobileAppSettings.Path;

    public static WebApplication MapMobileApp(this WebApplication app)
    {
        // AddBearerTokens has refused to start without a valid authority.
        var authority = new Uri(app.Configuration[BearerTokens.AuthoritySetting]!);
        var settings = new MobileAppSettings(
            authority,
            IdentityClients.BffMobile,
            ["openid", "profile", "email", "offline_access", IdentityScopes.BffMobile]);
        var policy = ShellPolicy(authority);

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                // The API's answers carry their own, stricter policy (ApiSecurityHeaders).
                var headers = context.Response.Headers;
                if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = policy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        // The app's files, its _framework included, from the build's static web assets manifest (fingerprinted names
        // immutable, the others revalidated), so nothing of UseBlazorFrameworkFiles is needed. They are outside the
        // per-client limit, as the settings and the shell are: a start loads dozens of files at once (a Debug build
        // over a hundred), cheap to serve, and refusing one of them leaves the phone with no app at all.
        app.MapStaticAssets().DisableRateLimiting();
        app.MapGet(SettingsPath, (HttpContext context) =>
            {
                // Read at every start of the app, so a changed authority is picked up at once.
                context.Response.Headers.CacheControl = "no-cache";
                return TypedResults.Ok(settings);
            })
            .WithName("GetAppSettings")
            .WithSummary("Where the app signs in, and as which client")
            .WithTags("App")
            .ExcludeFromDescription()
            .DisableRateLimiting();
        app.MapFallbackToFile("index.html").DisableRateLimiting();
        return app;
    }

    /// <summary>
    /// The shell runs only its own scripts ('wasm-unsafe-eval': WebAssembly must be compiled), talks to this origin and
    /// to Identity (discovery, keys, tokens, user info, revocation), frames nothing but Identity's silent sign-in, and
    /// is framed by no one.
    /// </summary>
    private static string ShellPolicy(Uri authority)
    {
        var identity = authority.GetLeftPart(UriPartial.Authority);
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "img-src 'self' data:",
            $"connect-src 'self' {identity}",
            $"frame-src {identity}",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }
}
