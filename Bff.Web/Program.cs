using Commerce.Bff.Web;
using Commerce.Bff.Web.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebBff();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseRateLimiter();
app.UseOutputCache();

app.MapDefaultEndpoints();
app.MapCatalogApi();
app.MapCartApi();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
