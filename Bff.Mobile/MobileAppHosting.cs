namespace Commerce.Bff.Mobile;

/// <summary>Serves the mobile app (Bff.Mobile.App): its static files, and its shell for every path that is not the API.</summary>
public static class MobileAppHosting
{
    public static WebApplication MapMobileApp(this WebApplication app)
    {
        app.UseBlazorFrameworkFiles();
        app.MapStaticAssets();
        app.MapFallbackToFile("index.html");
        return app;
    }
}
