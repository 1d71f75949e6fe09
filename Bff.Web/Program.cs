using Commerce.Bff.Web;
using Commerce.Bff.Web.Apis;
using Commerce.Bff.Web.Edge;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebBff();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseOutputCache();

app.MapDefaultEndpoints();
app.MapAccountEndpoints();
app.MapSessionApi();
app.MapCatalogApi();
app.MapCartApi();
app.MapCheckoutApi();
app.MapOrdersApi();
app.MapNotificationsApi();
app.MapOrderLiveApi();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
