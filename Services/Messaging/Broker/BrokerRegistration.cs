using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Commerce.Messaging.Broker;

internal static class BrokerRegistration
{
    /// <summary>
    /// The service's connection to RabbitMQ through Aspire's client integration: the <c>amqp://</c> URI from
    /// <c>ConnectionStrings:{connectionName}</c> (the key Aspire's <c>WithReference</c> injects) or
    /// <c>Aspire:RabbitMQ:Client:ConnectionString</c>, its readiness check, its connect spans and the client's own
    /// publish and deliver spans, which <see cref="MessagingTelemetry"/> nests among its own.
    /// </summary>
    public static void AddBrokerConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        var clientName = builder.Environment.ApplicationName;
        builder.AddRabbitMQClient(
            connectionName,
            settings =>
            {
                // Without this check a missing key would quietly mean the client's default, guest@localhost.
                if (!IsAmqpUri(settings.ConnectionString))
                {
                    throw new InvalidOperationException(
                        $"ConnectionStrings:{connectionName} must be an amqp:// URI. Run through the AppHost, or set ConnectionStrings__{connectionName}.");
                }

                // The integration would otherwise connect while the host starts, give up after a few attempts and stop
                // the service. A service must start, and report itself not ready, while its broker is away: connect on
                // first use, one attempt at a time (BrokerConnection keeps trying; each health probe makes one attempt).
                settings.DisableAutoActivation = true;
                settings.MaxConnectRetryCount = 0;
            },
            factory =>
            {
                factory.ClientProvidedName = clientName;
                // The client re-opens the connection, its channels and their consumers after a broker restart.
                factory.AutomaticRecoveryEnabled = true;
                factory.TopologyRecoveryEnabled = true;
                factory.NetworkRecoveryInterval = TimeSpan.FromSeconds(2);
            });

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<BrokerConnection>();
    }

    private static bool IsAmqpUri(string? connectionString) =>
        Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps";
}
