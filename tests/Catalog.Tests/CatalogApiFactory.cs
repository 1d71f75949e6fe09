using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Catalog.Tests;

/// <summary>
/// The real Catalog service in-process, on its own fresh database in a real PostgreSQL server (the run's shared
/// server unless a test hands in a private one, to stop and start it without disturbing anyone else) and its own
/// virtual host on the run's RabbitMQ.
/// </summary>
public sealed class CatalogApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The server to create the database on; the run's shared one when not set.</summary>
    public PostgresServer? Postgres { get; init; }

    /// <summary>The catalog database's connection string: given (to start again on an existing database), or made by <see cref="InitializeAsync"/>.</summary>
    public string ConnectionString
    {
        get => _connectionString ?? throw new InvalidOperationException("Initialize the factory first.");
        init => _connectionString = value;
    }

    private string? _connectionString;

    /// <summary>This factory's own RabbitMQ virtual host on the run's broker, where the catalog publishes its events.</summary>
    public Uri VirtualHost { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (_connectionString is null)
        {
            var postgres = Postgres ?? await PostgresServer.SharedAsync(TestContext.Current.CancellationToken);
            _connectionString = await postgres.CreateDatabaseAsync("catalog", TestContext.Current.CancellationToken);
        }

        VirtualHost = await (await RabbitMqServer.SharedAsync(TestContext.Current.CancellationToken))
            .CreateVirtualHostAsync("catalog", TestContext.Current.CancellationToken);

        // Starting the host here runs the migrations and the seeder before the first test asks for anything.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("ConnectionStrings:catalogdb", ConnectionString);
        builder.UseSetting("ConnectionStrings:eventbus", VirtualHost.ToString());
        // A setting rather than SetMinimumLevel: appsettings.json's LogLevel:Default would override the latter.
        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Warning));
    }
}
