using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Commerce.Testing;
using Microsoft.Extensions.Logging;

namespace Commerce.Catalog.Tests;

/// <summary>What the service logs in production, with the levels of its own appsettings.json.</summary>
public sealed class LoggingTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serving_a_search_logs_no_SQL_command_at_Information_while_the_services_own_Information_still_is()
    {
        var logs = new LogRecords();
        // Information as the default, as appsettings.json has it (the kit's Warning would hide the very records sought).
        await using var factory = new CatalogApiFactory { MinimumLogLevel = LogLevel.Information, Logs = logs };
        await factory.InitializeAsync();

        var response = await factory.CreateClient().GetAsync(new Uri("/products?pageSize=5&q=lamp", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Warning", factory.Services.GetRequiredService<IConfiguration>()["Logging:LogLevel:Npgsql"]);
        Assert.Contains(logs.Records, record => record is { Category: "Commerce.Catalog.Api.Data.DemoCatalogSeeder", Level: LogLevel.Information });
        var sql = logs.Records.Where(record => record.Category.StartsWith("Npgsql", StringComparison.Ordinal) && record.Level < LogLevel.Warning);
        Assert.Empty(sql.Select(record => $"{record.Level} {record.Category}: {record.Message}"));
    }
}
