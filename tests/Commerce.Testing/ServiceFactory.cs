using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Commerce.Testing;

/// <summary>
/// A real Commerce service in-process, on its own fresh database (<c>{service}db</c>) in a real PostgreSQL server and
/// its own virtual host on a real RabbitMQ broker: the run's shared servers unless a test hands in private ones (to
/// stop and start them without disturbing anyone else), or an existing database to start again on. Initializing it
/// starts the service, so its migrations (and seeders) have run before the first test asks for anything.
/// </summary>
public abstract class ServiceFactory<TEntryPoint>(string serviceName) : WebApplicationFactory<TEntryPoint>, IAsyncLifetime
    where TEntryPoint : class
{
    private string? _connectionString;
    private Uri? _virtualHost;

    public string ServiceName => serviceName;

    /// <summary>The server to create the database on; the run's shared one when not set.</summary>
    public PostgresServer? Postgres { get; init; }

    /// <summary>The broker to create the virtual host on; the run's shared one when not set.</summary>
    public RabbitMqServer? RabbitMq { get; init; }

    /// <summary>The host environment: Production (terse health report) unless a test wants another.</summary>
    public string EnvironmentName { get; init; } = Environments.Production;

    /// <summary>The lowest level the service logs at: Warning unless a test wants to see more.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>The service's database: given (to start again on an existing one), or made by <see cref="InitializeAsync"/>.</summary>
    public string ConnectionString
    {
        get => _connectionString ?? throw new InvalidOperationException("Initialize the factory first.");
        init => _connectionString = value;
    }

    /// <summary>The amqp URI of the service's virtual host, where it publishes (for a <see cref="BrokerProbe"/>) and consumes.</summary>
    public Uri VirtualHost
    {
        get => _virtualHost ?? throw new InvalidOperationException("Initialize the factory first.");
        init => _virtualHost = value;
    }

    /// <summary>
    /// Whether the service consumes events: then <see cref="InitializeAsync"/> also waits until its queue is bound, since
    /// an event a test publishes before that would go nowhere.
    /// </summary>
    protected virtual bool ConsumesEvents => false;

    public virtual async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _connectionString ??= await (Postgres ?? await PostgresServer.SharedAsync(cancellationToken))
            .CreateDatabaseAsync(serviceName, cancellationToken);
        _virtualHost ??= await (RabbitMq ?? await RabbitMqServer.SharedAsync(cancellationToken))
            .CreateVirtualHostAsync(serviceName, cancellationToken);
        // StartServer rather than Server: the latter throws for a factory that runs on Kestrel (browser tests need a real port).
        StartServer();
        if (ConsumesEvents)
        {
            await BrokerQueues.WaitForConsumerAsync(VirtualHost, serviceName, cancellationToken);
        }
    }

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting($"ConnectionStrings:{serviceName}db", ConnectionString);
        builder.UseSetting("ConnectionStrings:eventbus", VirtualHost.ToString());
        // A setting rather than SetMinimumLevel: appsettings.json's LogLevel:Default would override the latter.
        builder.UseSetting("Logging:LogLevel:Default", MinimumLogLevel.ToString());
        ConfigureService(builder);
    }

    /// <summary>The service's own settings and test services, on top of the database, the broker and the log level.</summary>
    protected virtual void ConfigureService(IWebHostBuilder builder)
    {
    }
}
