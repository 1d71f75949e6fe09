using Commerce.Inventory.Contracts;
using Commerce.Messaging;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.Workflows.Activities;
using Commerce.Workflows.Bridge;
using Commerce.Workflows.Saga;
using Commerce.Workflows.Temporal;
using Commerce.Workflows.Tracing;
using OpenTelemetry.Trace;
using Refit;
using Temporalio.Client;
using Temporalio.Extensions.Hosting;

namespace Commerce.Workflows;

public static class Extensions
{
    public const string ServiceName = "workflows";
    public const string DatabaseName = "workflowsdb";

    /// <summary>
    /// While Temporal is unreachable the bridge's messages go back to the queue rather than start sagas; this many
    /// deliveries (the pause between them grows to 10 s) ride out an outage of about a quarter of an hour before a
    /// message is dead-lettered. <c>Messaging:MaxDeliveries</c> overrides it.
    /// </summary>
    public const int BridgeMaxDeliveries = 100;

    /// <summary>
    /// The worker: the participants' clients, the activities and the saga on task queue <c>orders</c>; and the bridge
    /// that starts a saga for each <see cref="OrderPlaced"/> and signals it on <see cref="OrderCancellationRequested"/>,
    /// with its inbox in the service's own database.
    /// </summary>
    public static IHostApplicationBuilder AddWorkflows(this IHostApplicationBuilder builder)
    {
        builder.AddParticipantClients();

        var target = TemporalTarget.From(builder.Configuration);
        builder.Services.AddSingleton(target);
        // Lazy: nothing connects until TemporalConnector does, retrying while the server is not up yet.
        builder.Services.AddSingleton<ITemporalClient>(services => TemporalClient.CreateLazy(new TemporalClientConnectOptions(target.Address)
        {
            Namespace = target.Namespace,
            LoggerFactory = services.GetRequiredService<ILoggerFactory>(),
            // On the client, so the hosted worker built on it carries the trace into workflows and activities too.
            Interceptors = [new TracingInterceptor()],
        }));
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(WorkflowsTelemetry.SourceName));
        builder.Services.AddSingleton<TemporalReadiness>();
        builder.Services.AddSingleton<TemporalConnector>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TemporalConnector>());
        builder.Services.AddHealthChecks().AddCheck<TemporalHealthCheck>("temporal");

        // The hosting package's worker options, without the hosted worker AddHostedTemporalWorker would add (it connects
        // when it starts): SagaWorkerService runs the worker once Temporal is ready.
        var workerOptions = new TemporalWorkerServiceOptionsBuilder(OrderSaga.TaskQueue, builder.Services)
            .ConfigureOptions(options => options.TaskQueue = OrderSaga.TaskQueue, disallowDuplicates: true)
            .AddScopedActivities<InventoryActivities>()
            .AddScopedActivities<PaymentActivities>()
            .AddScopedActivities<ShippingActivities>()
            .AddScopedActivities<OrderingActivities>()
            .AddWorkflow<OrderSaga>()
            .ConfigureOptions(disallowDuplicates: false);
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<SagaWorkerService>(services, workerOptions.Name));

        builder.AddEventBridge();
        return builder;
    }

    /// <summary>The consumer of the events that start and cancel sagas; it starts consuming once Temporal is ready.</summary>
    private static void AddEventBridge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SagaStartOptions>().BindConfiguration("Workflows");
        builder.AddNpgsqlDataSource(DatabaseName);
        // Before AddMessaging binds the section, so configuration still has the last word.
        builder.Services.Configure<MessagingOptions>(options => options.MaxDeliveries = BridgeMaxDeliveries);
        // Only the consumer waits: the migrations (and the outbox's services after them) start as in any service.
        builder.AddMessaging(ServiceName)
            .AddHandler<OrderPlaced, OrderPlacedHandler>()
            .AddHandler<OrderCancellationRequested, OrderCancellationRequestedHandler>()
            .StartConsumingOnceOpen<TemporalReadiness>();
    }

    /// <summary>
    /// Refit clients of the four participants, at their service-discovery addresses. Temporal's retry policy is the one
    /// retry layer of an activity's call (<see cref="SagaActivityOptions"/>): the standard resilience handler that
    /// ServiceDefaults puts on every client is removed from these, so a fault is neither retried twice over nor hidden
    /// from the workflow's history, and an attempt's time is the HTTP request's time.
    /// </summary>
    public static IHostApplicationBuilder AddParticipantClients(this IHostApplicationBuilder builder)
    {
        AddParticipant<IInventoryApi>(builder.Services, "inventory");
        AddParticipant<IPaymentsApi>(builder.Services, "payments");
        AddParticipant<IShippingApi>(builder.Services, "shipping");
        AddParticipant<IOrderingApi>(builder.Services, "ordering");
        builder.Services.AddScoped<InventoryActivities>();
        builder.Services.AddScoped<PaymentActivities>();
        builder.Services.AddScoped<ShippingActivities>();
        builder.Services.AddScoped<OrderingActivities>();
        return builder;
    }

#pragma warning disable EXTEXP0001 // Marked for evaluation, yet the documented way to take ConfigureHttpClientDefaults' handler off one client.
    private static void AddParticipant<TApi>(IServiceCollection services, string serviceName) where TApi : class =>
        services.AddRefitGeneratedClient<TApi>()
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = new Uri($"https+http://{serviceName}");
                client.Timeout = SagaActivityOptions.HttpTimeout;
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
}
