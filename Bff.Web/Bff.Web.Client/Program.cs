using Commerce.Bff.Web.Client;
using Commerce.Bff.Web.Client.Browser;
using Commerce.Bff.Web.Client.Cart;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

// The browser only ever talks to the BFF that served it: same origin, so the session cookie goes along and no CORS.
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<StorefrontClient>();

// One of each for the whole page: the header's badge and the cart page see the same cart.
builder.Services.AddSingleton<BrowserStorage>();
builder.Services.AddSingleton<CartStore>();

await builder.Build().RunAsync();
