using Npgsql;

namespace Commerce.Messaging.Consumer;

/// <summary>What a handler knows about the message it handles, and the transaction its writes must join.</summary>
/// <param name="Transaction">
/// Open on the service's database; the inbox row that marks this message handled is written in it. Write through it
/// (and only through it) so the effect and the mark commit together: a redelivered message then has its effect once.
/// </param>
public sealed record IntegrationEventContext(Guid MessageId, string EventName, DateTimeOffset OccurredAt, int DeliveryCount, NpgsqlTransaction Transaction);

/// <summary>Handles one integration event type for the consuming service. Throwing rolls back and redelivers.</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : class
{
    Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken);
}
