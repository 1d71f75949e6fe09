namespace Commerce.Bff.Mobile.Edge;

/// <summary>
/// The headers of what the app reads (<c>/api</c>, <c>/images</c>, <c>/openapi</c>): none of it is a page, so none of
/// it may run, load or frame anything if a browser is tricked into opening it as one. The app's shell and its files
/// carry their own policy (<see cref="MobileAppHosting"/>).
/// </summary>
public static class ApiSecurityHeaders
{
    /// <summary>
    /// Nothing at all for JSON. The images are SVG, which can hold script: <c>sandbox</c> keeps one opened on its own
    /// inert (shown through <c>&lt;img&gt;</c> it never runs script anyway).
    /// </summary>
    private const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    /// <summary>HSTS outside Development only (the whole origin), so a developer's browser does not pin localhost to HTTPS.</summary>
    public static WebApplication UseApiSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            if (IsApiRead(context.Request.Path))
            {
                // As the response starts, so that an answer rewritten on the way (a failed image's 503) keeps them too.
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "no-referrer";
                    headers["Cross-Origin-Resource-Policy"] = "same-origin";
                    return Task.CompletedTask;
                });
            }

            await next(context);
        });
        return app;
    }

    private static bool IsApiRead(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments(ProductImageProxy.PathPrefix) || path.StartsWithSegments("/openapi");
}
