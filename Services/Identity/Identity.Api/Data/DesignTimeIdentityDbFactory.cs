using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Commerce.Identity.Api.Data;

/// <summary>
/// For <c>dotnet ef migrations add</c> only: the model without starting the service (which needs a real database).
/// No connection is opened; the provider is needed to shape the migration.
/// </summary>
public sealed class DesignTimeIdentityDbFactory : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDb>().UseNpgsql("Host=localhost").UseOpenIddict().Options);
}
