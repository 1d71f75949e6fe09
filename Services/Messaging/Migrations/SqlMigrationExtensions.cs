using System.Reflection;
using Commerce.Messaging.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class SqlMigrationExtensions
{
    /// <summary>
    /// Applies the SQL scripts embedded in <paramref name="scriptsAssembly"/> (<c>Data/Migrations/NNNN_name.sql</c>, each
    /// once, in order of their full resource names) to the service's <c>NpgsqlDataSource</c> before the service starts
    /// taking requests. Call once per assembly that brings tables into the service's database (the service's own;
    /// <see cref="MessagingExtensions.AddMessaging"/> adds the outbox's and the inbox's).
    /// </summary>
    public static IHostApplicationBuilder AddSqlMigrations(this IHostApplicationBuilder builder, Assembly scriptsAssembly)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new SqlMigrations(scriptsAssembly));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqlMigrationRunner>());
        return builder;
    }
}
