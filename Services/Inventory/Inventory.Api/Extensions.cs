using Commerce.Inventory.Api.Data;
using FluentValidation;

namespace Commerce.Inventory.Api;

public static class Extensions
{
    public const string DatabaseName = "inventorydb";
    public const string ServiceName = "inventory";

    public static IHostApplicationBuilder AddInventory(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.AddSqlMigrations(typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);
        // Hosted services start in registration order: the seeder runs on the migrated schema.
        builder.Services.AddOptions<InventoryOptions>().BindConfiguration("Inventory");
        builder.Services.AddHostedService<DemoStockSeeder>();

        builder.Services.AddSingleton<StockStore>();
        builder.Services.AddSingleton<ReservationStore>();
        builder.Services.AddValidatorsFromAssemblyContaining<StockStore>(ServiceLifetime.Singleton, includeInternalTypes: false);
        builder.Services.AddOpenApi();
        return builder;
    }
}
