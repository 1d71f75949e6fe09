using Commerce.Ordering.Api;
using Commerce.Ordering.Api.Apis;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrdering();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

// The document describes this internal API to its callers (the BFFs and the saga's activities).
app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference();
}

app.MapDefaultEndpoints();
app.MapOrdersApi();
app.MapOrderLiveApi();
app.MapOrderViewsApi();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
