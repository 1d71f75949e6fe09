using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Commerce.Identity.Api.Data;

/// <summary>
/// Brings the schema up to date before anything else starts: the EF Core migrations in Data/Migrations. EF Core takes
/// a database lock while it migrates, so replicas starting together apply each migration once.
/// </summary>
public sealed class IdentityDatabaseMigrator(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityDb>().Database;
        // Npgsql's provider reads the history table without asking whether it exists and takes the failure as "none
        // applied" (npgsql/efcore.pg#3407), which EF logs as a failed command: an error on the dashboard at every first
        // start. Creating the (empty) table first leaves nothing to fail; the migrations then run as they would.
        await database.ExecuteSqlRawAsync(database.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        await database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
