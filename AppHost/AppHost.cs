using Commerce.AppHost;

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

// The order saga's server: a Temporal dev server with its Web UI on the dashboard. The data volume keeps running sagas,
// their histories and their timers across AppHost restarts.
var temporal = builder.AddTemporalDevServer("temporal")
    .WithDataVolume();

var catalog = AddService<Projects.Commerce_Catalog_Api>("catalog", database: "catalogdb");
var inventory = AddService<Projects.Commerce_Inventory_Api>("inventory", database: "inventorydb");
var payments = AddService<Projects.Commerce_Payments_Api>("payments", database: "paymentsdb");
var shipping = AddService<Projects.Commerce_Shipping_Api>("shipping", database: "shippingdb");
AddService<Projects.Commerce_Notifications_Api>("notifications", database: "notificationsdb");

// Ordering prices every order from Catalog at placement (https+http://catalog through service discovery).
var ordering = AddService<Projects.Commerce_Ordering_Api>("ordering", database: "orderingdb")
    .WithReference(catalog)
    .WaitFor(catalog);

// The Temporal worker. Its database holds the inbox and outbox of the bridge that turns Ordering's events into saga
// starts and signals. It finds its server through Temporal's own variables (TEMPORAL_ADDRESS is host:port, not a URL)
// and the participants through service discovery. It waits for the server, not for the participants: an activity that
// finds a participant not yet up is retried by Temporal like any other transient fault.
AddService<Projects.Commerce_Workflows>("workflows", database: "workflowsdb")
    .WithEnvironment("TEMPORAL_ADDRESS", temporal.Resource.Address)
    .WithEnvironment("TEMPORAL_NAMESPACE", "default")
    .WithReference(inventory)
    .WithReference(payments)
    .WithReference(shipping)
    .WithReference(ordering)
    .WaitFor(temporal);

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
