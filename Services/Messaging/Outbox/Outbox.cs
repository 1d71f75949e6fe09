using System.Text.Json;
using Dapper;
using Npgsql;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// Writes integration events into the service's outbox table inside the caller's transaction, so an event exists
/// if and only if the state change it announces committed. The <see cref="OutboxDispatcher"/> publishes it later.
/// </summary>
public sealed class Outbox(TimeProvider timeProvider)
{
    /// <summary>The PostgreSQL channel the dispatcher listens on; NOTIFY is delivered only when the transaction commits.</summary>
    internal const string Channel = "outbox_messages";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>The message id, which consumers see and deduplicate on.</returns>
    public async Task<Guid> EnqueueAsync<TEvent>(TEvent integrationEvent, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        ArgumentNullException.ThrowIfNull(transaction);

        var id = Guid.CreateVersion7(timeProvider.GetUtcNow());
        var (traceParent, traceState) = MessagingTelemetry.CurrentContext();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO outbox_messages (id, event_name, payload, occurred_at, traceparent, tracestate)
            VALUES (@id, @eventName, @payload::jsonb, @occurredAt, @traceparent, @tracestate);
            NOTIFY {Channel};
            """,
            new
            {
                id,
                eventName = IntegrationEventNames.Of<TEvent>(),
                payload = JsonSerializer.Serialize(integrationEvent, Json),
                occurredAt = timeProvider.GetUtcNow(),
                traceparent = traceParent,
                tracestate = traceState,
            },
            transaction,
            cancellationToken: cancellationToken));
        return id;
    }
}
