using Commerce.Inventory.Api;
using Commerce.Inventory.Api.Apis;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInventory();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

// The document describes this internal API to its callers (the saga's activities and the BFFs), who read it.
app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference();
}

app.MapDefaultEndpoints();
app.MapStockApi();
app.MapReservationsApi();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
