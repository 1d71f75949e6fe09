using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Ordering.Api.Data;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Api.Messaging;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using FluentValidation;
using Refit;

namespace Commerce.Ordering.Api;

public static class Extensions
{
    public const string DatabaseName = "orderingdb";
    public const string ServiceName = "ordering";

    public static IHostApplicationBuilder AddOrdering(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.AddSqlMigrations(typeof(Extensions).Assembly);
        // The participants' events feed each order's timeline and view, once per message thanks to the inbox.
        builder.AddMessaging(ServiceName)
            .AddHandler<StockReserved, ParticipantEventHandler>()
            .AddHandler<StockReleased, ParticipantEventHandler>()
            .AddHandler<StockCommitted, ParticipantEventHandler>()
            .AddHandler<PaymentAuthorized, ParticipantEventHandler>()
            .AddHandler<PaymentCaptured, ParticipantEventHandler>()
            .AddHandler<PaymentVoided, ParticipantEventHandler>()
            .AddHandler<PaymentRefunded, ParticipantEventHandler>()
            .AddHandler<ShipmentCreated, ParticipantEventHandler>()
            .AddHandler<ShipmentCancelled, ParticipantEventHandler>()
            .AddHandler<ShipmentDispatched, ParticipantEventHandler>();

        // Service discovery and the standard resilience handler come with every client (ServiceDefaults). The generated
        // client: this Refit version no longer builds requests by reflection unless Refit.Reflection is added.
        builder.Services.AddRefitGeneratedClient<ICatalogApi>()
            .ConfigureHttpClient(client => client.BaseAddress = new Uri("https+http://catalog"));

        builder.Services.AddSingleton<CatalogPrices>();
        builder.Services.AddSingleton<IOrderReferenceSource, RandomOrderReferences>();
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton<OrderTimeline>();
        builder.Services.AddSingleton<OrderViewStore>();
        builder.Services.AddValidatorsFromAssemblyContaining<OrderStore>(ServiceLifetime.Singleton, includeInternalTypes: false);
        builder.Services.AddOpenApi();
        return builder;
    }
}
