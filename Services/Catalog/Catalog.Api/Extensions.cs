using Commerce.Catalog.Api.Data;
using FluentValidation;

namespace Commerce.Catalog.Api;

public static class Extensions
{
    public const string DatabaseName = "catalogdb";

    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.AddSqlMigrations(typeof(Extensions).Assembly);
        builder.AddMessaging("catalog");
        // Hosted services start in registration order: the seeder runs on the migrated schema.
        builder.Services.AddOptions<CatalogOptions>().BindConfiguration("Catalog");
        builder.Services.AddHostedService<DemoCatalogSeeder>();

        builder.Services.AddSingleton<ProductStore>();
        builder.Services.AddSingleton<CategoryStore>();
        builder.Services.AddValidatorsFromAssemblyContaining<ProductStore>(ServiceLifetime.Singleton, includeInternalTypes: false);
        builder.Services.AddOpenApi();
        return builder;
    }
}
