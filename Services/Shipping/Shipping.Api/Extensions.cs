using Commerce.Shipping.Api.Data;
using FluentValidation;

namespace Commerce.Shipping.Api;

public static class Extensions
{
    public const string DatabaseName = "shippingdb";
    public const string ServiceName = "shipping";

    public static IHostApplicationBuilder AddShipping(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.AddSqlMigrations(typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);

        builder.Services.AddSingleton<ShipmentStore>();
        builder.Services.AddValidatorsFromAssemblyContaining<ShipmentStore>(ServiceLifetime.Singleton, includeInternalTypes: false);
        builder.Services.AddOpenApi();
        return builder;
    }
}
