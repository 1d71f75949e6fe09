using Commerce.Messaging.Consumer;
using Commerce.Notifications.Api.Domain;
using Commerce.Shipping.Contracts;

namespace Commerce.Notifications.Api.Messaging;

public sealed class ShipmentDispatchedHandler(NotificationRecorder recorder) : IIntegrationEventHandler<ShipmentDispatched>
{
    public Task HandleAsync(ShipmentDispatched integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        recorder.RecordForOrderAsync(integrationEvent.OrderId, reference => NotificationText.OrderShipped(integrationEvent, reference), context, cancellationToken);
}
