var builder = DistributedApplication.CreateBuilder(args);

// One PostgreSQL server, one database per service: each service still owns its data, and one container is cheap to run.
// The data volume keeps the data across AppHost restarts; pgweb is a small browser UI onto it that is never published.
var postgres = builder.AddPostgres("postgres")
    .WithDataVolume()
    .WithPgWeb();

var catalogDb = postgres.AddDatabase("catalogdb");

// The catalog migrates its database at start-up, so it waits until the database accepts connections.
// No external endpoint: the catalog is internal; only the BFFs will face the internet.
builder.AddProject<Projects.Commerce_Catalog_Api>("catalog")
    .WithReference(catalogDb)
    .WaitFor(catalogDb)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
