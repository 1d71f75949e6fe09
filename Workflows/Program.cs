using Commerce.Workflows;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWorkflows();

var app = builder.Build();

// /health includes the Temporal connection, so an orchestrator sees a worker that cannot reach its server.
app.MapDefaultEndpoints();

app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
