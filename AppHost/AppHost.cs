using Commerce.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

CommerceInfrastructure infrastructure;
try
{
    if (!builder.ExecutionContext.IsPublishMode)
    {
        DashboardPorts.EnsureFree(builder.Configuration);
    }

    infrastructure = builder.AddCommerceInfrastructure();
}
catch (InfrastructureProblem problem)
{
    // A setting or this machine is wrong: one line saying what and how to fix it, before anything has started.
    Console.Error.WriteLine($"AppHost: {problem.Message}");
    return 1;
}

var catalog = AddService<Projects.Commerce_Catalog_Api>("catalog", database: "catalogdb");
var inventory = AddService<Projects.Commerce_Inventory_Api>("inventory", database: "inventorydb");
var payments = AddService<Projects.Commerce_Payments_Api>("payments", database: "paymentsdb");
var shipping = AddService<Projects.Commerce_Shipping_Api>("shipping", database: "shippingdb");
AddService<Projects.Commerce_Notifications_Api>("notifications", database: "notificationsdb");

// The customers' OpenID Connect provider. Browsers come to it to sign in, so it is the one service with an external
// endpoint; it neither publishes nor consumes events. The BFFs, when they exist, add their redirect URIs to its
// configuration (Identity__Clients__BffWeb__RedirectUris__0 and so on; Services/Identity/README.md).
AddService<Projects.Commerce_Identity_Api>("identity", database: "identitydb", usesEventBus: false)
    .WithExternalHttpEndpoints();

// Ordering prices every order from Catalog at placement (https+http://catalog through service discovery).
var ordering = AddService<Projects.Commerce_Ordering_Api>("ordering", database: "orderingdb")
    .WithReference(catalog)
    .WaitFor(catalog);

// The Temporal worker. Its database holds the inbox and outbox of the bridge that turns Ordering's events into saga
// starts and signals. It finds its server through Temporal's own variables (TEMPORAL_ADDRESS is host:port, not a URL)
// and the participants through service discovery. It waits for the server, not for the participants: an activity that
// finds a participant not yet up is retried by Temporal like any other transient fault.
AddService<Projects.Commerce_Workflows>("workflows", database: "workflowsdb")
    .WithEnvironment("TEMPORAL_ADDRESS", infrastructure.Temporal.Address)
    .WithEnvironment("TEMPORAL_NAMESPACE", "default")
    .WithReference(inventory)
    .WithReference(payments)
    .WithReference(shipping)
    .WithReference(ordering)
    .WaitFor(infrastructure.Temporal.Resource);

builder.Build().Run();
return 0;

// A service with its own database on the shared server, and (unless it has no events) the event bus.
// It migrates its database and declares its exchange and queues at start-up, so it waits until both accept connections.
// No external endpoint: the services are internal; only the BFFs will face the internet. They speak plain HTTP, so
// they get no development certificate (and the dashboard no warning that none is trusted).
IResourceBuilder<ProjectResource> AddService<TProject>(string name, string database, bool usesEventBus = true)
    where TProject : IProjectMetadata, new()
{
    var serviceDb = infrastructure.AddDatabase(database);
    var service = builder.AddProject<TProject>(name)
        .WithoutHttpsCertificate()
        .WithReference(serviceDb)
        .WaitFor(serviceDb)
        .WithHttpHealthCheck("/health");
    return usesEventBus ? service.WithReference(infrastructure.EventBus).WaitFor(infrastructure.EventBus) : service;
}
