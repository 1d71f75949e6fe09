using Microsoft.EntityFrameworkCore;

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
        await scope.ServiceProvider.GetRequiredService<IdentityDb>().Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
