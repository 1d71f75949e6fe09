using Commerce.Payments.Api;
using Commerce.Payments.Api.Apis;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPayments();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

// The document describes this internal API to its callers (Ordering's saga and the BFFs); people read it.
app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference();
}

app.MapDefaultEndpoints();
app.MapPaymentTokensApi();
app.MapPaymentsApi();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
