using Commerce.Notifications.Api.Delivery;
using Commerce.Notifications.Contracts;
using Commerce.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Refit;

namespace Commerce.Notifications.Tests;

/// <summary>
/// The real Notifications service in-process, on its own fresh database in the run's PostgreSQL and its own virtual
/// host on the run's RabbitMQ, with a <see cref="RecordingSender"/> in place of the log sender. Tests publish events
/// to the broker as the other services would, and read the outcome through the HTTP API.
/// </summary>
public sealed class NotificationsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string? _connectionString;
    private Uri? _virtualHost;

    /// <summary>The host environment: Production (terse health report) unless a test wants another.</summary>
    public string EnvironmentName { get; init; } = Environments.Production;

    /// <summary>
    /// Deliveries before an event whose handler keeps failing is dead-lettered. Generous by default, so an event that
    /// arrives before its order keeps being redelivered while a test publishes the order.
    /// </summary>
    public int MaxDeliveries { get; init; } = 30;

    public RecordingSender Sender { get; } = new();

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Initialize the factory first.");

    /// <summary>The amqp URI of the service's own virtual host, where tests publish the events it consumes.</summary>
    public Uri VirtualHost => _virtualHost ?? throw new InvalidOperationException("Initialize the factory first.");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _connectionString = await (await PostgresServer.SharedAsync(cancellationToken)).CreateDatabaseAsync("notifications", cancellationToken);
        _virtualHost = await (await RabbitMqServer.SharedAsync(cancellationToken)).CreateVirtualHostAsync("notifications", cancellationToken);

        // Starting the host runs the migrations; its consumer then declares and binds the queue. Events published
        // before the binding exists would go nowhere, so wait for it.
        _ = Server;
        await BrokerQueues.WaitForConsumerAsync(VirtualHost, "notifications", cancellationToken);
    }

    public INotificationsApi CreateNotificationsClient() => RestService.For<INotificationsApi>(CreateClient());

    public async Task<T> QueryScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: TestContext.Current.CancellationToken))
            ?? throw new InvalidOperationException("The query returned nothing.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:notificationsdb", ConnectionString);
        builder.UseSetting("ConnectionStrings:eventbus", VirtualHost.ToString());
        builder.UseSetting("Messaging:MaxDeliveries", MaxDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Messaging:RedeliveryDelay", "00:00:00.1");
        builder.UseSetting("Notifications:Delivery:PollInterval", "00:00:00.1");
        builder.UseSetting("Notifications:Delivery:RetryDelay", "00:00:00.1");
        // A setting rather than SetMinimumLevel: appsettings.json's LogLevel:Default would override the latter.
        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Warning));
        builder.ConfigureTestServices(services => services.AddSingleton<INotificationSender>(Sender));
    }
}
