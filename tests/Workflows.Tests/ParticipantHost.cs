using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Workflows.Tests;

/// <summary>
/// One real participant service in-process, on its own fresh database and its own virtual host on the run's shared
/// PostgreSQL and RabbitMQ.
/// </summary>
public sealed class ParticipantHost<TEntryPoint>(string name) : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private string? _connectionString;
    private Uri? _virtualHost;

    /// <summary>Settings beyond the database, the broker and the log level.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Start the host first.");

    /// <summary>The service's virtual host: where its outbox publishes, and where a consumer of its events must listen.</summary>
    public Uri VirtualHost => _virtualHost ?? throw new InvalidOperationException("Start the host first.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _connectionString = await (await PostgresServer.SharedAsync(cancellationToken)).CreateDatabaseAsync(name, cancellationToken);
        _virtualHost = await (await RabbitMqServer.SharedAsync(cancellationToken)).CreateVirtualHostAsync(name, cancellationToken);
        // Starting the host runs the migrations (and seeders) before the first activity calls it.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting($"ConnectionStrings:{name}db", _connectionString);
        builder.UseSetting("ConnectionStrings:eventbus", _virtualHost?.ToString());
        // A setting rather than SetMinimumLevel: appsettings.json's LogLevel:Default would override the latter.
        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Warning));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }
}
