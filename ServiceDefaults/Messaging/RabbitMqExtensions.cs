using Commerce.ServiceDefaults;
using Commerce.ServiceDefaults.Messaging;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using RabbitMQ.Client;

namespace Microsoft.Extensions.Hosting;

public static class RabbitMqExtensions
{
    /// <summary>
    /// Registers a <see cref="RabbitMqConnection"/> to the broker named by <c>ConnectionStrings:{connectionName}</c>
    /// (an <c>amqp://</c> URI, the key Aspire's <c>WithReference</c> injects), its client spans, and a readiness check.
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

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("RabbitMQ.Client.*"));

        builder.Services.AddHealthChecks()
            .AddCheck<RabbitMqHealthCheck>(connectionName);
        return builder;
    }
}
