using Commerce.Inventory.Contracts;
using Commerce.Messaging.Consumer;
using Commerce.Ordering.Api.Data;
using Commerce.Ordering.Api.Domain;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;

namespace Commerce.Ordering.Api.Messaging;

/// <summary>
/// Records what the saga's participants report on an order's timeline and view, in the message's own transaction
/// (which holds its inbox row): a redelivered message, or the same fact under another message id, is recorded once.
/// </summary>
public sealed partial class ParticipantEventHandler(OrderTimeline timeline, ILogger<ParticipantEventHandler> logger) :
    IIntegrationEventHandler<StockReserved>,
    IIntegrationEventHandler<StockReleased>,
    IIntegrationEventHandler<StockCommitted>,
    IIntegrationEventHandler<PaymentAuthorized>,
    IIntegrationEventHandler<PaymentCaptured>,
    IIntegrationEventHandler<PaymentVoided>,
    IIntegrationEventHandler<PaymentRefunded>,
    IIntegrationEventHandler<ShipmentCreated>,
    IIntegrationEventHandler<ShipmentCancelled>,
    IIntegrationEventHandler<ShipmentDispatched>
{
    public Task HandleAsync(StockReserved integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RecordAsync(TimelineFact.StockReserved(integrationEvent, context.OccurredAt), context, cancellationToken);

    public Task HandleAsync(StockReleased integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RecordAsync(TimelineFact.StockReleased(integrationEvent, context.OccurredAt), context, cancellationToken);

    public Task HandleAsync(StockCommitted integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RecordAsync(TimelineFact.StockCommitted(integrationEvent, context.OccurredAt), context, cancellationToken);

    public Task HandleAsync(PaymentAuthorized integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RecordAsync(TimelineFact.PaymentAuthorized(integrationEvent, context.OccurredAt), context, cancellationToken);

    public Task HandleAsync(PaymentCaptured integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RecordAsync(TimelineFact.PaymentCaptured(integrationEvent, context.OccurredAt), context, cancellationToken);

    public Task HandleAsync(PaymentVoided integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RecordAsync(TimelineFact.PaymentVoided(integrationEvent, context.OccurredAt), context, cancellationToken);

    public Task HandleAsync(PaymentRefunded integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RecordAsync(TimelineFact.PaymentRefunded(integrationEvent, context.OccurredAt), context, cancellationToken);

    public Task HandleAsync(ShipmentCreated integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RecordAsync(TimelineFact.ShipmentCreated(integrationEvent, context.OccurredAt), context, cancellationToken);

    public Task HandleAsync(ShipmentCancelled integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RecordAsync(TimelineFact.ShipmentCancelled(integrationEvent, context.OccurredAt), context, cancellationToken);

    public Task HandleAsync(ShipmentDispatched integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RecordAsync(TimelineFact.ShipmentDispatched(integrationEvent, context.OccurredAt), context, cancellationToken);

    private async Task RecordAsync(TimelineFact fact, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (!await timeline.RecordParticipantFactAsync(context.Transaction, fact, cancellationToken))
        {
            LogNotRecorded(fact.Kind, fact.OrderId, context.MessageId);
        }
    }

    [LoggerMessage(LogLevel.Information, "{EventName} for order {OrderId} (message {MessageId}) changed nothing: unknown order or a fact already recorded")]
    private partial void LogNotRecorded(string eventName, Guid orderId, Guid messageId);
}
