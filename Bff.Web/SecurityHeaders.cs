namespace Commerce.Bff.Web;

public static class SecurityHeaders
{
    /// <summary>
    /// Scripts, styles and frames only from this origin, and no framing by anyone (clickjacking); browsers must not
    /// guess content types. HSTS outside Development only, so a developer's browser does not pin localhost to HTTPS.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            await next(context);
        });
        return app;
    }
}
