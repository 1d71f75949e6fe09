using Commerce.Identity.Api.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Identity.Api.Data;

/// <summary>
/// The identity database: ASP.NET Core Identity's users, OpenIddict's applications, authorizations, scopes and tokens,
/// and the Data Protection keys that every replica shares (cookies and antiforgery tokens one replica issued are read
/// by the others).
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options)
    : IdentityUserContext<Customer, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<Customer>().Property(customer => customer.DisplayName).HasMaxLength(Customer.MaxDisplayNameLength);
    }
}
