using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Messaging.Consumer;

/// <summary>One event type this service consumes: its name (the routing key its queue binds) and how to hand it to its handler.</summary>
internal sealed record EventRegistration(
    string EventName,
    Type EventType,
    Func<IServiceProvider, object, IntegrationEventContext, CancellationToken, Task> InvokeHandlerAsync)
{
    public static EventRegistration For<TEvent>() where TEvent : class => new(
        IntegrationEventNames.Of<TEvent>(),
        typeof(TEvent),
        (services, integrationEvent, context, cancellationToken) => services
            .GetRequiredService<IIntegrationEventHandler<TEvent>>()
            .HandleAsync((TEvent)integrationEvent, context, cancellationToken));

    /// <summary>The payload as the event type; a payload that is not one cannot succeed on any retry.</summary>
    public object Deserialize(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize(payload, EventType, Outbox.Outbox.Json)
        ?? throw new JsonException($"The payload of {EventName} is null.");
}
