using Commerce.Messaging.Consumer;
using Commerce.Notifications.Api.Domain;
using Commerce.Ordering.Contracts;

namespace Commerce.Notifications.Api.Messaging;

public sealed class OrderPlacedHandler(NotificationRecorder recorder) : IIntegrationEventHandler<OrderPlaced>
{
    public Task HandleAsync(OrderPlaced integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        recorder.RecordAsync(integrationEvent.CustomerId, integrationEvent.OrderId, integrationEvent.Reference, NotificationText.OrderReceived(integrationEvent), context, cancellationToken);
}

public sealed class OrderConfirmedHandler(NotificationRecorder recorder) : IIntegrationEventHandler<OrderConfirmed>
{
    public Task HandleAsync(OrderConfirmed integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        recorder.RecordAsync(integrationEvent.CustomerId, integrationEvent.OrderId, integrationEvent.Reference, NotificationText.OrderConfirmed(integrationEvent), context, cancellationToken);
}

public sealed class OrderCancelledHandler(NotificationRecorder recorder) : IIntegrationEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderCancelled integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        recorder.RecordAsync(integrationEvent.CustomerId, integrationEvent.OrderId, integrationEvent.Reference, NotificationText.OrderCancelled(integrationEvent), context, cancellationToken);
}
