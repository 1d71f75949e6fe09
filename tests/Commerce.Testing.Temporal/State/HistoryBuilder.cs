using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;

namespace Commerce.Testing.Temporal.State;

/// <summary>
/// The event history of one workflow run. Events get consecutive ids from 1, which the worker checks on every task and
/// again on replay.
/// </summary>
internal sealed class HistoryBuilder(TimeProvider time)
{
    // Each event is field 1 of History: a one-byte tag before its length and bytes.
    private const long EventFieldTagSize = 1;

    private readonly List<HistoryEvent> _events = [];

    public IReadOnlyList<HistoryEvent> Events => _events;

    public long LastEventId => _events.Count;

    public long NextEventId => _events.Count + 1;

    public HistoryEvent? LastEvent => _events.Count == 0 ? null : _events[^1];

    /// <summary>
    /// The history's size as a real server counts it (<c>HistorySizeBytes</c>): the encoded events as they are stored,
    /// here one <c>History</c> message where a real server stores a few batches of them.
    /// </summary>
    public long SizeBytes => _events.Sum(e => EventFieldTagSize + CodedOutputStream.ComputeMessageSize(e));

    /// <summary>Appends an event with its attributes set by <paramref name="describe"/>; returns it with its id.</summary>
    public HistoryEvent Append(EventType type, Action<HistoryEvent> describe)
    {
        var historyEvent = new HistoryEvent
        {
            EventId = NextEventId,
            EventType = type,
            EventTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            // Task ids only need to grow; the event id does.
            TaskId = NextEventId,
        };
        describe(historyEvent);
        _events.Add(historyEvent);
        return historyEvent;
    }

    public History Snapshot()
    {
        var history = new History();
        history.Events.Add(_events.Select(e => e.Clone()));
        return history;
    }
}
