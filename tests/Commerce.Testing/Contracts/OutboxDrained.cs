namespace Commerce.Testing.Contracts;

/// <summary>
/// The marker <see cref="BrokerProbe.CollectUntilDrainedAsync"/> writes into a service's outbox: its name
/// (<c>testing.outbox-drained</c>) follows the integration event convention, so the real dispatcher publishes it.
/// </summary>
public sealed record OutboxDrained(Guid Marker);
