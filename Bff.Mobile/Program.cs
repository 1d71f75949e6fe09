using Commerce.Bff.Mobile;
using Commerce.Bff.Mobile.Apis;
using Commerce.Bff.Mobile.Edge;
using Commerce.Bff.Mobile.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMobileBff();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
// Outside the ETags, so they hash (and a 304 skips) the plain body.
app.UseResponseCompression();
app.UseRouting();
app.UseApiSecurityHeaders();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseScreenETags();

app.MapDefaultEndpoints();
app.MapMobileOpenApi();
app.MapMobileApi();
app.MapProductImages();
app.MapMobileApp();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
