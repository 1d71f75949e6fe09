using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Commerce.Testing.Temporal.Http;

/// <summary>
/// The Temporal Web UI as tools/temporal-ui builds it: a single-page app whose every page is its index.html. The folder
/// may not be there yet (the AppHost builds it beside the running system on a first run), so each request looks for it
/// afresh and, until it is built, answers a page that says so and reloads itself.
/// </summary>
internal static class TemporalUiSite
{
    /// <summary>The cookie the UI copies into its X-CSRF-TOKEN header, as with Temporal's ui-server.</summary>
    public const string CsrfCookie = "_csrf";
    public const string CsrfHeader = "X-CSRF-TOKEN";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapTemporalUiSite(this WebApplication app, string siteDirectory)
    {
        var root = Path.GetFullPath(siteDirectory);
        // Every path, files included (MapFallback's default pattern leaves out paths that look like files).
        app.MapFallback("{**path}", async context =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }
            var index = Path.Combine(root, "index.html");
            if (!File.Exists(index))
            {
                await BeingBuiltAsync(context.Response, root);
                return;
            }

            var file = Path.GetFullPath(Path.Combine(root, context.Request.Path.Value!.TrimStart('/')));
            var isAsset = file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file);
            var served = isAsset ? file : index;
            // Hashed bundles never change under their name; the page itself must be asked for again after a rebuild.
            context.Response.Headers.CacheControl = context.Request.Path.StartsWithSegments("/_app/immutable")
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            if (served == index)
            {
                IssueCsrfCookie(context);
            }
            context.Response.ContentType = ContentTypes.TryGetContentType(served, out var type) ? type : "application/octet-stream";
            await context.Response.SendFileAsync(served, context.RequestAborted);
        });
    }

    /// <summary>A script-readable, same-site cookie: a page of another site can neither read it nor send it.</summary>
    public static void IssueCsrfCookie(HttpContext context)
    {
        if (!context.Request.Cookies.ContainsKey(CsrfCookie))
        {
            context.Response.Cookies.Append(CsrfCookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
                new CookieOptions { HttpOnly = false, SameSite = SameSiteMode.Strict, Path = "/" });
        }
    }

    /// <summary>
    /// Refuses a state-changing API call whose X-CSRF-TOKEN is not the page's cookie: a text/plain POST needs no CORS
    /// preflight, so without this any web page could cancel or signal workflows through a browser on this machine.
    /// </summary>
    public static async ValueTask<object?> RequireCsrfToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return await next(context);
        }
        var cookie = request.Cookies[CsrfCookie];
        var header = request.Headers[CsrfHeader].ToString();
        return !string.IsNullOrEmpty(cookie) && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(cookie), System.Text.Encoding.ASCII.GetBytes(header))
            ? await next(context)
            : ProtoJson.Error(Grpc.Core.StatusCode.InvalidArgument,
                $"A request that changes anything needs the {CsrfHeader} header to match the {CsrfCookie} cookie; reload the page.");
    }

    private static Task BeingBuiltAsync(HttpResponse response, string root)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = "10";
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
            <title>Temporal UI: being built</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1e293b}</style>
            </head><body><main>
            <h1>The Temporal UI is being built</h1>
            <p>The in-process Temporal server is running and sagas run on it; its Web UI is built from npm's
            <code>@temporalio/ui</code> by <code>tools/temporal-ui/build.sh</code> on a first run (a few minutes), into
            <code>{{System.Net.WebUtility.HtmlEncode(root)}}</code>. This page reloads itself every 10 seconds.</p>
            </main></body></html>
            """);
    }
}
