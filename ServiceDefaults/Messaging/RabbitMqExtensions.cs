using Commerce.ServiceDefaults;
using Commerce.ServiceDefaults.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RabbitMQ.Client;

namespace Microsoft.Extensions.Hosting;

public static class RabbitMqExtensions
{
    /// <summary>
    /// Registers a <see cref="RabbitMqConnection"/> to the broker named by <c>ConnectionStrings:{connectionName}</c>
    /// (an <c>amqp://</c> URI, the key Aspire's <c>WithReference</c> injects), and a readiness check. The client's own
    /// spans are left off: Commerce.Messaging carries the trace context in message headers itself, so a publish
    /// continues the trace of the request that wrote the event rather than whatever was current when it was sent.
    /// </summary>
    public static IHostApplicationBuilder AddRabbitMqConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        const string whatItIs = "an amqp:// URI";
        var connectionString = ConnectionStrings.Require(builder.Configuration, connectionName, whatItIs);
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri))
        {
            throw ConnectionStrings.Invalid(connectionName, whatItIs);
        }

        var clientName = builder.Environment.ApplicationName;
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new RabbitMqConnection(
            new ConnectionFactory
            {
                Uri = uri,
                ClientProvidedName = clientName,
                // The client re-opens the connection, its channels and their consumers after a broker restart.
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            },
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RabbitMqConnection>>()));

        builder.Services.AddHealthChecks()
            .AddCheck<RabbitMqHealthCheck>(connectionName);
        return builder;
    }
}
