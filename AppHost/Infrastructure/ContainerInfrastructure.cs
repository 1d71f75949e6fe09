namespace Commerce.AppHost.Infrastructure;

public static class ContainerInfrastructure
{
    /// <summary>The servers as container images, each with a data volume so its state survives an AppHost restart.</summary>
    public static CommerceInfrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder)
    {
        // One PostgreSQL server, one database per service: each service still owns its data, and one container is cheap
        // to run. pgweb is a small browser UI onto it that is never published.
        var postgres = builder.AddPostgres("postgres")
            .WithDataVolume()
            .WithPgWeb();

        // The event bus: every service's outbox publishes to it and its consumer reads from it, through
        // ConnectionStrings:eventbus (an amqp:// URI). The volume keeps durable queues, and messages not yet consumed;
        // the management plugin adds RabbitMQ's own UI (exchanges, queues, dead letters) to the dashboard.
        var eventbus = builder.AddRabbitMQ("eventbus")
            .WithDataVolume()
            .WithManagementPlugin();

        // The order saga's server, with its Web UI on the dashboard. The volume keeps running sagas, their histories and
        // their timers.
        var temporal = builder.AddTemporalDevServerContainer("temporal")
            .WithDataVolume();

        return new CommerceInfrastructure(
            database => postgres.AddDatabase(database),
            eventbus,
            temporal.AsTemporalFrontend());
    }
}
