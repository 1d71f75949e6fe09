using Commerce.Bff.Mobile;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMobileBff();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapDefaultEndpoints();
app.MapMobileApp();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
