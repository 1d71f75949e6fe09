using System.Reflection;
using Commerce.ServiceDefaults;
using Commerce.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class PostgresExtensions
{
    /// <summary>
    /// Registers the service's <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:{connectionName}</c> (the key
    /// Aspire's <c>WithReference</c> injects), with Npgsql tracing and metrics and a readiness health check.
    /// </summary>
    public static IHostApplicationBuilder AddNpgsqlDataSource(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = ConnectionStrings.Require(builder.Configuration, connectionName, "a PostgreSQL connection string");

        builder.Services.AddNpgsqlDataSource(connectionString);

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddNpgsql())
            .WithMetrics(metrics => metrics.AddMeter("Npgsql"));

        builder.Services.AddHealthChecks()
            .AddCheck<NpgsqlHealthCheck>(connectionName);
        return builder;
    }

    /// <summary>
    /// Applies the SQL scripts embedded in <paramref name="scriptsAssembly"/> (<c>Data/Migrations/NNNN_name.sql</c>, each
    /// once, in order of their full resource names) before the service starts taking requests. Call once per assembly
    /// that brings tables into the service's database (the service's own, the messaging outbox and inbox).
    /// </summary>
    public static IHostApplicationBuilder AddSqlMigrations(this IHostApplicationBuilder builder, Assembly scriptsAssembly)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new SqlMigrations(scriptsAssembly));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqlMigrationRunner>());
        return builder;
    }
}
