extern alias catalogapi;

using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Ordering.Tests;

/// <summary>The real Catalog service in-process, with its demo catalog (products 1–240) on its own fresh database.</summary>
public sealed class CatalogHost : WebApplicationFactory<catalogapi::Program>
{
    private string? _connectionString;
    private Uri? _virtualHost;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _connectionString = await (await PostgresServer.SharedAsync(cancellationToken)).CreateDatabaseAsync("catalog", cancellationToken);
        _virtualHost = await (await RabbitMqServer.SharedAsync(cancellationToken)).CreateVirtualHostAsync("catalog", cancellationToken);
        // Starting the host runs the migrations and the seeder before Ordering asks for a price.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("ConnectionStrings:catalogdb", _connectionString);
        builder.UseSetting("ConnectionStrings:eventbus", _virtualHost?.ToString());
        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Warning));
    }
}
