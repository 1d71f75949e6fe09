using Commerce.Catalog.Api;
using Commerce.Catalog.Api.Apis;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCatalog();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

// The document describes this internal API to its callers (the BFFs generate nothing from it, but people read it).
app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference();
}

app.MapDefaultEndpoints();
app.MapProductsApi();
app.MapCategoriesApi();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
