using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Commerce.Bench.BffProductPage;

/// <summary>
/// Counts the HTTP calls this process makes to each port, and those that failed (HttpClient's own
/// <c>http.client.request.duration</c>, whose <c>error.type</c> names a failure: an error status, a timeout, a
/// cancelled call). During a BFF run only the BFF calls the services, so as many Catalog calls as pages served proves
/// that no page came from the output cache, and no failed call that no page was degraded.
/// </summary>
internal sealed class DownstreamCalls : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<int, long> _calls = new();
    private readonly ConcurrentDictionary<int, long> _failures = new();

    public DownstreamCalls()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            int? port = null;
            var failed = false;
            foreach (var tag in tags)
            {
                port = tag.Key == "server.port" && tag.Value is int calledPort ? calledPort : port;
                failed |= tag.Key == "error.type";
            }

            if (port is { } called)
            {
                _calls.AddOrUpdate(called, 1, (_, count) => count + 1);
                if (failed)
                {
                    _failures.AddOrUpdate(called, 1, (_, count) => count + 1);
                }
            }
        });
        _listener.Start();
    }

    public long CallsTo(Uri service) => _calls.GetValueOrDefault(service.Port);

    public long FailuresOf(Uri service) => _failures.GetValueOrDefault(service.Port);

    public void Dispose() => _listener.Dispose();
}
