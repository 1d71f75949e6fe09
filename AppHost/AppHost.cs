var builder = DistributedApplication.CreateBuilder(args);

// One PostgreSQL server, one database per service: each service still owns its data, and one container is cheap to run.
// The data volume keeps the data across AppHost restarts; pgweb is a small browser UI onto it that is never published.
var postgres = builder.AddPostgres("postgres")
    .WithDataVolume()
    .WithPgWeb();

// The event bus: every service's outbox publishes to it and its consumer reads from it, through ConnectionStrings:eventbus
// (an amqp:// URI). The data volume keeps durable queues, and messages not yet consumed, across AppHost restarts; the
// management plugin adds RabbitMQ's own UI (exchanges, queues, dead letters) to the dashboard.
var eventbus = builder.AddRabbitMQ("eventbus")
    .WithDataVolume()
    .WithManagementPlugin();

var catalog = AddService<Projects.Commerce_Catalog_Api>("catalog", database: "catalogdb");
AddService<Projects.Commerce_Inventory_Api>("inventory", database: "inventorydb");
AddService<Projects.Commerce_Payments_Api>("payments", database: "paymentsdb");
AddService<Projects.Commerce_Shipping_Api>("shipping", database: "shippingdb");
AddService<Projects.Commerce_Notifications_Api>("notifications", database: "notificationsdb");

// Ordering prices every order from Catalog at placement (https+http://catalog through service discovery).
AddService<Projects.Commerce_Ordering_Api>("ordering", database: "orderingdb")
    .WithReference(catalog)
    .WaitFor(catalog);

builder.Build().Run();

// A service with its own database on the shared server, and the event bus.
// It migrates its database and declares its exchange and queues at start-up, so it waits until both accept connections.
// No external endpoint: the services are internal; only the BFFs will face the internet.
IResourceBuilder<ProjectResource> AddService<TProject>(string name, string database)
    where TProject : IProjectMetadata, new()
{
    var serviceDb = postgres.AddDatabase(database);
    return builder.AddProject<TProject>(name)
        .WithReference(serviceDb)
        .WithReference(eventbus)
        .WaitFor(serviceDb)
        .WaitFor(eventbus)
        .WithHttpHealthCheck("/health");
}
