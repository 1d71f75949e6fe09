// The convention names events after their Commerce.<Service>.Contracts namespace: these are "bench.…".
namespace Commerce.Bench.Contracts;

/// <summary>Counted at the broker for the outbox's throughput; no handler consumes it.</summary>
public sealed record OutboxThroughputSampled(int Sequence);

/// <summary>Handled by the bench's own consumer for the outbox's commit → handled latency.</summary>
public sealed record OutboxLatencySampled(int Sequence);
