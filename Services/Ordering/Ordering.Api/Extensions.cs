using Commerce.Catalog.Contracts;
using Commerce.Ordering.Api.Apis;
using Commerce.Ordering.Api.Data;
using Commerce.Ordering.Api.Domain;
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
        var messaging = builder.AddMessaging(ServiceName);
        foreach (var participantEvent in ParticipantEvents.All)
        {
            participantEvent.AddHandlerTo(messaging);
        }

        // Service discovery and the standard resilience handler come with every client (ServiceDefaults). The generated
        // client: this Refit version no longer builds requests by reflection unless Refit.Reflection is added.
        builder.Services.AddRefitGeneratedClient<ICatalogApi>()
            .ConfigureHttpClient(client => client.BaseAddress = new Uri("https+http://catalog"));

        builder.Services.AddSingleton<CatalogPrices>();
        builder.Services.AddSingleton<IOrderReferenceSource, RandomOrderReferences>();
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton<OrderTimeline>();
        builder.Services.AddSingleton<OrderViewStore>();
        // One LISTEN connection per process wakes every live stream of an order when its timeline changes.
        builder.Services.AddSingleton<OrderChangeFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OrderChangeFeed>());
        builder.Services.AddOptions<OrderLiveOptions>().BindConfiguration(OrderLiveOptions.Section);
        builder.Services.AddValidatorsFromAssemblyContaining<OrderStore>(ServiceLifetime.Singleton, includeInternalTypes: false);
        builder.Services.AddOpenApi();
        return builder;
    }
}
