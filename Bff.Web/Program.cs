using Commerce.Bff.Web;
using Commerce.Bff.Web.Apis;
using Commerce.Bff.Web.Components;
using Commerce.Bff.Web.Edge;

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
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseOutputCache();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapAccountEndpoints();
app.MapSessionApi();
app.MapCatalogApi();
app.MapProductImageApi();
app.MapCartApi();
app.MapCheckoutApi();
app.MapOrdersApi();
app.MapNotificationsApi();
app.MapOrderLiveApi();
app.MapStorefront();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
