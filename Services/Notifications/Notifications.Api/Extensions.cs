using Commerce.Notifications.Api.Data;
using Commerce.Notifications.Api.Delivery;
using Commerce.Notifications.Api.Messaging;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Notifications.Api;

public static class Extensions
{
    public const string DatabaseName = "notificationsdb";
    public const string ServiceName = "notifications";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.AddSqlMigrations(typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName)
            .AddHandler<OrderPlaced, OrderPlacedHandler>()
            .AddHandler<OrderConfirmed, OrderConfirmedHandler>()
            .AddHandler<OrderCancelled, OrderCancelledHandler>()
            .AddHandler<PaymentRefunded, PaymentRefundedHandler>()
            .AddHandler<ShipmentDispatched, ShipmentDispatchedHandler>();

        builder.Services.AddSingleton<NotificationStore>();
        builder.Services.AddSingleton<OrderCustomerStore>();
        builder.Services.AddScoped<NotificationRecorder>();

        // The log until a real gateway (e-mail, push) is registered in its place.
        builder.Services.TryAddSingleton<INotificationSender, LogNotificationSender>();
        builder.Services.AddOptions<NotificationDeliveryOptions>().BindConfiguration("Notifications:Delivery");
        builder.Services.AddHostedService<NotificationDelivery>();

        builder.Services.AddValidatorsFromAssemblyContaining<NotificationStore>(ServiceLifetime.Singleton, includeInternalTypes: false);
        builder.Services.AddOpenApi();
        return builder;
    }
}
