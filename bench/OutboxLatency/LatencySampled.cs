// The convention names events after their Commerce.<Service>.Contracts namespace: this one is "bench.latency-sampled".
namespace Commerce.Bench.Contracts;

public sealed record LatencySampled(int Sequence);
