namespace Commerce.Bff.Web;

public static class SecurityHeaders
{
    /// <summary>
    /// Scripts, styles and frames only from this origin, and no framing by anyone (clickjacking); browsers must not
    /// guess content types. HSTS outside Development only, so a developer's browser does not pin localhost to HTTPS.
    /// </summary>
    /// <remarks>
    /// <c>'wasm-unsafe-eval'</c> is the one exception, and the narrowest there is: the storefront's interactive parts
    /// run on .NET's WebAssembly runtime, which the browser must compile (<c>WebAssembly.instantiate</c>). It allows
    /// compiling WebAssembly only; JavaScript <c>eval</c> and inline scripts stay forbidden.
    /// </remarks>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            await next(context);
        });
        return app;
    }
}
