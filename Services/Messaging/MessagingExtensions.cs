using Commerce.Messaging;
using Commerce.Messaging.Broker;
using Commerce.Messaging.Consumer;
using Commerce.Messaging.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class MessagingExtensions
{
    /// <summary>
    /// Adds the outbox (its tables, via the service's migrations) and its dispatcher, publishing to the RabbitMQ broker
    /// named by <c>ConnectionStrings:{brokerConnectionName}</c>, and the retention sweep. Needs the service's
    /// <c>AddNpgsqlDataSource</c> (Aspire.Npgsql). Consumers are added on the returned builder.
    /// </summary>
    public static MessagingBuilder AddMessaging(this IHostApplicationBuilder builder, string serviceName, string brokerConnectionName = "eventbus")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        builder.AddBrokerConnection(brokerConnectionName);
        builder.AddSqlMigrations(typeof(Outbox).Assembly);
        builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration("Messaging")
            .Configure(options => options.ServiceName = serviceName);

        builder.Services.TryAddSingleton<Outbox>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddSingleton<MessageRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MessageRetention>());
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(MessagingTelemetry.SourceName));
        return new MessagingBuilder(builder.Services);
    }
}

/// <summary>Adds the handlers of the integration events this service consumes.</summary>
public sealed class MessagingBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>Binds the service's queue to <typeparamref name="TEvent"/>'s name and hands each one to <typeparamref name="THandler"/>.</summary>
    public MessagingBuilder AddHandler<TEvent, THandler>()
        where TEvent : class
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        Services.AddScoped<IIntegrationEventHandler<TEvent>, THandler>();
        Services.AddSingleton(EventRegistration.For<TEvent>());
        if (!Services.Any(service => service.ImplementationType == typeof(EventConsumer)))
        {
            Services.AddHostedService<EventConsumer>();
        }

        return this;
    }

    /// <summary>
    /// The consumer takes nothing off the queue until <typeparamref name="TGate"/> (a singleton the service registers)
    /// opens; the outbox and everything else start as usual.
    /// </summary>
    public MessagingBuilder StartConsumingOnceOpen<TGate>() where TGate : class, IConsumerStartGate
    {
        Services.AddSingleton<IConsumerStartGate>(services => services.GetRequiredService<TGate>());
        return this;
    }
}
