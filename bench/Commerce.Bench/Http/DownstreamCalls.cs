using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Commerce.Bench.Http;

/// <summary>
/// The HTTP calls this process makes to each port and how long each took, those that failed, and how long the BFF
/// took over each product page, from the runtime's own metrics (HttpClient's <c>http.client.request.duration</c>,
/// whose <c>error.type</c> names a failure: an error status, a timeout, a cancelled call; ASP.NET Core's
/// <c>http.server.request.duration</c>). During a BFF run only the BFF calls the services, so as many Catalog calls
/// as pages served proves that no page came from the output cache, and no failed call that no page was degraded.
/// </summary>
internal sealed class DownstreamCalls : IDisposable
{
    private const string ProductPageRoute = "/api/products/{id:int}";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<int, long> _calls = new();
    private readonly ConcurrentDictionary<int, long> _failures = new();
    private readonly ConcurrentDictionary<int, ConcurrentQueue<double>> _callMilliseconds = new();
    private readonly ConcurrentQueue<double> _pageMilliseconds = new();

    public DownstreamCalls()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if ((instrument.Meter.Name, instrument.Name) is ("System.Net.Http", "http.client.request.duration") or ("Microsoft.AspNetCore.Hosting", "http.server.request.duration"))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting")
            {
                RecordServer(seconds, tags);
            }
            else
            {
                RecordClient(seconds, tags);
            }
        });
        _listener.Start();
    }

    public long CallsTo(Uri service) => _calls.GetValueOrDefault(service.Port);

    public long FailuresOf(Uri service) => _failures.GetValueOrDefault(service.Port);

    /// <summary>How long each call to <paramref name="service"/> took since the last <see cref="ClearDurations"/>, in ms.</summary>
    public List<double> CallDurations(Uri service) => [.. _callMilliseconds.GetValueOrDefault(service.Port) ?? []];

    /// <summary>How long the BFF took over each product page since the last <see cref="ClearDurations"/>, in ms.</summary>
    public List<double> PageDurations() => [.. _pageMilliseconds];

    public void ClearDurations()
    {
        _pageMilliseconds.Clear();
        foreach (var durations in _callMilliseconds.Values)
        {
            durations.Clear();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void RecordClient(double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        int? port = null;
        var failed = false;
        foreach (var tag in tags)
        {
            port = tag.Key == "server.port" && tag.Value is int calledPort ? calledPort : port;
            failed |= tag.Key == "error.type";
        }

        if (port is not { } called)
        {
            return;
        }

        _calls.AddOrUpdate(called, 1, (_, count) => count + 1);
        _callMilliseconds.GetOrAdd(called, _ => new ConcurrentQueue<double>()).Enqueue(seconds * 1000);
        if (failed)
        {
            _failures.AddOrUpdate(called, 1, (_, count) => count + 1);
        }
    }

    private void RecordServer(double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "http.route" && tag.Value as string == ProductPageRoute)
            {
                _pageMilliseconds.Enqueue(seconds * 1000);
            }
        }
    }
}
