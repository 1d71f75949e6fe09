using Commerce.Messaging.Consumer;
using Commerce.Notifications.Api.Domain;
using Commerce.Payments.Contracts;

namespace Commerce.Notifications.Api.Messaging;

public sealed class PaymentRefundedHandler(NotificationRecorder recorder) : IIntegrationEventHandler<PaymentRefunded>
{
    public Task HandleAsync(PaymentRefunded integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        recorder.RecordForOrderAsync(integrationEvent.OrderId, reference => NotificationText.PaymentRefunded(integrationEvent, reference), context, cancellationToken);
}
