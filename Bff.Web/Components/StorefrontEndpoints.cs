namespace Commerce.Bff.Web.Components;

public static class StorefrontEndpoints
{
    /// <summary>The storefront's pages, and the files its browser side needs (styles, scripts, the WebAssembly runtime).</summary>
    public static WebApplication MapStorefront(this WebApplication app)
    {
        // Fingerprinted files that browsers keep for good and that reach no service: the first visit fetches dozens
        // of them (the WebAssembly runtime), which must not spend the customer's request budget.
        app.MapStaticAssets().DisableRateLimiting();
        app.MapRazorComponents<App>()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(Client._Imports).Assembly);
        return app;
    }

    /// <summary>
    /// A page a browser navigated to that has no body of its own (an unknown address) gets the storefront's
    /// not-found page; /api callers and images keep their ProblemDetails.
    /// </summary>
    public static WebApplication UseStorefrontStatusPages(this WebApplication app)
    {
        app.UseWhen(
            context => HttpMethods.IsGet(context.Request.Method)
                && context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
                && !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        return app;
    }
}
