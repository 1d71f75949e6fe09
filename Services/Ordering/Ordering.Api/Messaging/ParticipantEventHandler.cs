using Commerce.Messaging.Consumer;
using Commerce.Ordering.Api.Data;
using Commerce.Ordering.Api.Domain;

namespace Commerce.Ordering.Api.Messaging;

/// <summary>
/// Records what a saga participant reports (one of <see cref="ParticipantEvents.All"/>) on the order's timeline and
/// view, in the message's own transaction (which holds its inbox row): a redelivered message, or the same fact under
/// another message id, is recorded once.
/// </summary>
public sealed class ParticipantEventHandler<TEvent>(OrderTimeline timeline, ILogger<ParticipantEventHandler<TEvent>> logger)
    : IIntegrationEventHandler<TEvent>
    where TEvent : class
{
    public async Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var fact = ParticipantEvents.FactOf(integrationEvent, context.OccurredAt);
        if (!await timeline.RecordParticipantFactAsync(context.Transaction, fact, cancellationToken))
        {
            ParticipantEventLog.NotRecorded(logger, fact.Kind, fact.OrderId, context.MessageId);
        }
    }
}

internal static partial class ParticipantEventLog
{
    [LoggerMessage(LogLevel.Information, "{EventName} for order {OrderId} (message {MessageId}) changed nothing: unknown order or a fact already recorded")]
    public static partial void NotRecorded(ILogger logger, string eventName, Guid orderId, Guid messageId);
}
