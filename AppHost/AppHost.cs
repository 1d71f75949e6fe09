using Commerce.AppHost;
using Commerce.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

CommerceInfrastructure infrastructure;
bool faultSwitches;
try
{
    faultSwitches = FaultSwitches.Requested(builder.Configuration, builder.ExecutionContext.IsPublishMode);
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
var notifications = AddService<Projects.Commerce_Notifications_Api>("notifications", database: "notificationsdb");

// The customers' OpenID Connect provider. Browsers come to it to sign in, so it has an external endpoint; it neither
// publishes nor consumes events. Each BFF tells it its redirect URIs (below; Services/Identity/README.md).
var identity = AddService<Projects.Commerce_Identity_Api>("identity", database: "identitydb", usesEventBus: false)
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

// The web storefront's backend, which serves the storefront itself: the other face of the system, next to identity.
// It keeps no data (the cart lives in the browser, the session in its cookie), so it has no database and no event bus,
// and it starts without waiting for anyone: a screen whose service is not up yet says so (503 or a degraded part).
// Identity and it share one client secret, generated per run (a deployment asks for it or generates it).
var bffWebSecret = builder.AddParameter(
    "bff-web-client-secret", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
var bffWeb = builder.AddProject<Projects.Commerce_Bff_Web>("bff-web")
    .WithoutHttpsCertificate()
    .WithFaultSwitches(faultSwitches)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithReference(catalog)
    .WithReference(inventory)
    .WithReference(shipping)
    .WithReference(ordering)
    .WithReference(payments)
    .WithReference(notifications)
    .WithEnvironment("Oidc__Authority", identity.GetEndpoint("http"))
    .WithEnvironment("Oidc__ClientSecret", bffWebSecret);
identity
    .WithEnvironment("Identity__Clients__BffWeb__Secret", bffWebSecret)
    .WithEnvironment("Identity__Clients__BffWeb__RedirectUris__0", ReferenceExpression.Create($"{bffWeb.GetEndpoint("http")}/signin-oidc"))
    .WithEnvironment("Identity__Clients__BffWeb__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{bffWeb.GetEndpoint("http")}/signout-callback-oidc"));

// The mobile app's backend, which serves the app itself (an installable web app: no CORS between them). Like bff-web it
// keeps no data and waits for no one. The app is Identity's public client: no secret, only its redirect URIs.
var bffMobile = builder.AddProject<Projects.Commerce_Bff_Mobile>("bff-mobile")
    .WithoutHttpsCertificate()
    .WithFaultSwitches(faultSwitches)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithReference(catalog)
    .WithReference(inventory)
    .WithReference(shipping)
    .WithReference(ordering)
    .WithReference(payments)
    .WithEnvironment("Jwt__Authority", identity.GetEndpoint("http"));
identity
    .WithEnvironment("Identity__Clients__BffMobile__RedirectUris__0", ReferenceExpression.Create($"{bffMobile.GetEndpoint("http")}/authentication/login-callback"))
    .WithEnvironment("Identity__Clients__BffMobile__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{bffMobile.GetEndpoint("http")}/authentication/logout-callback"));

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
        .WithFaultSwitches(faultSwitches)
        .WithReference(serviceDb)
        .WaitFor(serviceDb)
        .WithHttpHealthCheck("/health");
    return usesEventBus ? service.WithReference(infrastructure.EventBus).WaitFor(infrastructure.EventBus) : service;
}
