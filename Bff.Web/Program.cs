using Commerce.Bff.Web;
using Commerce.Bff.Web.Apis;
using Commerce.Bff.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebBff();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStorefrontStatusPages();
// Routing after the status pages, so a re-executed request (the not-found page) is routed afresh.
app.UseRouting();
app.UseSecurityHeaders();
app.UseRateLimiter();
app.UseOutputCache();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapCatalogApi();
app.MapProductImageApi();
app.MapStorefront();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
