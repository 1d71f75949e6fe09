// The convention names events after their Commerce.<Service>.Contracts namespace: these are "probe.*" events.
namespace Commerce.Probe.Contracts;

public sealed record ThingHappened(string Value);

public sealed record PoisonArrived(string Value);
