using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Catalog.Tests;

/// <summary>The real Catalog service in-process (<see cref="ServiceFactory{TEntryPoint}"/>), with its demo catalog seeded.</summary>
public sealed class CatalogApiFactory() : ServiceFactory<Program>("catalog")
{
    /// <summary>A logger provider that sees what the service logs, through the service's own log filters.</summary>
    public ILoggerProvider? Logs { get; init; }

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        if (Logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }
    }
}
