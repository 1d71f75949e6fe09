using System.Net;
using Commerce.Testing;
using Dapper;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Commerce.ServiceDefaults.Tests.Data;

public sealed class PostgresExtensionsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrations_run_at_start_once_each_even_when_two_replicas_start_together()
    {
        var postgres = await PostgresServer.SharedAsync(Cancellation);
        var database = await postgres.CreateDatabaseAsync("migrations", Cancellation);

        var replicas = await Task.WhenAll(StartReplicaAsync(database), StartReplicaAsync(database));
        await using var first = replicas[0];
        await using var second = replicas[1];

        await using var connection = new NpgsqlConnection(database);
        var journal = (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions ORDER BY schemaversionsid")).ToList();
        Assert.Equal(["Commerce.ServiceDefaults.Tests.Data.Migrations.0001_greetings.sql", "Commerce.ServiceDefaults.Tests.Data.Migrations.0002_more_greetings.sql"], journal);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM greetings"));
        Assert.Equal(HttpStatusCode.OK, (await first.GetTestClient().GetAsync("/health", Cancellation)).StatusCode);
    }

    [Fact]
    public void A_missing_connection_string_names_the_key_to_set()
    {
        var builder = Host.CreateApplicationBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddNpgsqlDataSource("catalogdb"));

        Assert.Contains("ConnectionStrings__catalogdb", error.Message, StringComparison.Ordinal);
    }

    private static Task<Microsoft.AspNetCore.Builder.WebApplication> StartReplicaAsync(string database) => TestApp.StartAsync(
        builder => builder.AddNpgsqlDataSource("db").AddSqlMigrations(typeof(PostgresExtensionsTests).Assembly),
        settings: new Dictionary<string, string?> { ["ConnectionStrings:db"] = database });
}
