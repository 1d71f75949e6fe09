using Commerce.Messaging.Consumer;
using Commerce.Probe.Contracts;
using Dapper;

namespace Commerce.Messaging.Tests;

/// <summary>Writes an effect row in the message's transaction: the inbox decides whether it commits once or never.</summary>
public sealed class RecordThing : IIntegrationEventHandler<ThingHappened>
{
    public Task HandleAsync(ThingHappened integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        context.Transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "INSERT INTO effects (message_id, value) VALUES (@MessageId, @Value)",
            new { context.MessageId, integrationEvent.Value },
            context.Transaction,
            cancellationToken: cancellationToken));
}

/// <summary>Always fails after writing, so a test sees both the rollback and the dead-lettering.</summary>
public sealed class FailOnPoison : IIntegrationEventHandler<PoisonArrived>
{
    public static int Attempts;

    public async Task HandleAsync(PoisonArrived integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        await context.Transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "INSERT INTO effects (message_id, value) VALUES (@MessageId, @Value)",
            new { context.MessageId, integrationEvent.Value },
            context.Transaction,
            cancellationToken: cancellationToken));
        throw new InvalidOperationException("This handler never succeeds.");
    }
}
