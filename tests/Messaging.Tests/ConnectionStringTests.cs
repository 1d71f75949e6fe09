using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Commerce.Messaging.Tests;

/// <summary>A service that is not told where its database or broker is says which key to set, before it does anything.</summary>
public sealed class ConnectionStringTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("localhost:5672")]
    [InlineData("http://localhost:5672")]
    public void A_broker_connection_string_that_is_not_an_amqp_URI_names_the_key_to_set(string? connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:eventbus"] = connectionString });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddMessaging("probe"));

        Assert.Contains("ConnectionStrings__eventbus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_without_its_database_connection_string_fails_at_start_naming_the_key()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:eventbus"] = "amqp://localhost:5672" });
        builder.AddNpgsqlDataSource("catalogdb");
        builder.AddMessaging("probe");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("ConnectionStrings:catalogdb", error.Message, StringComparison.Ordinal);
    }
}
