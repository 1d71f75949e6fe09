using Commerce.Bff.Mobile.App;
using Commerce.Bff.Mobile.App.Bff;
using Commerce.Bff.Mobile.App.Device;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");
// The browser's console is the customer's, not a log: what went wrong only.
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var origin = new Uri(builder.HostEnvironment.BaseAddress);
var settings = await MobileAppSettings.LoadAsync(origin);
builder.Services.AddOidcAuthentication(oidc =>
{
    // Identity's public client: code + PKCE, no secret. The library keeps the tokens (the refresh token included) in
    // the tab's session storage, the most a browser offers a script without a backend to hold them.
    oidc.ProviderOptions.Authority = settings.Authority.ToString();
    oidc.ProviderOptions.ClientId = settings.ClientId;
    oidc.ProviderOptions.ResponseType = "code";
    oidc.ProviderOptions.DefaultScopes.Clear();
    foreach (var scope in settings.Scopes)
    {
        oidc.ProviderOptions.DefaultScopes.Add(scope);
    }
});
builder.Services.AddMobileBff(origin);
builder.Services.AddScoped<DeviceCart>();
builder.Services.AddScoped<Connectivity>();

await builder.Build().RunAsync();
