using Temporalio.Api.Enums.V1;
using Temporalio.Client;

namespace Commerce.Testing.Temporal;

/// <summary>
/// The servers a suite runs its workflows on, both knowing the same search attributes: the in-process
/// <see cref="TemporalTestServer"/>, started at once, and a <see cref="RealTemporalServer"/>, looked for once, on first
/// use, so a run without one pays nothing for it.
/// </summary>
public sealed class TemporalServers : IAsyncDisposable
{
    private readonly SemaphoreSlim _realLookup = new(1, 1);
    private readonly TemporalTestServer _inProcess;
    private readonly IReadOnlyDictionary<string, IndexedValueType> _searchAttributes;
    private RealTemporalServer? _real;
    private TemporalClient? _realClient;
    private bool _realLookedFor;

    private TemporalServers(TemporalTestServer inProcess, TemporalClient inProcessClient, IReadOnlyDictionary<string, IndexedValueType> searchAttributes)
    {
        _inProcess = inProcess;
        InProcess = inProcessClient;
        _searchAttributes = searchAttributes;
    }

    /// <summary>A client of the in-process server.</summary>
    public TemporalClient InProcess { get; }

    public static async Task<TemporalServers> StartAsync(IReadOnlyDictionary<string, IndexedValueType>? searchAttributes = null)
    {
        searchAttributes ??= new Dictionary<string, IndexedValueType>();
        var server = await TemporalTestServer.StartAsync(new TemporalTestServerOptions { SearchAttributes = searchAttributes }).ConfigureAwait(false);
        var client = await TemporalClient.ConnectAsync(new(server.Address)).ConfigureAwait(false);
        return new TemporalServers(server, client, searchAttributes);
    }

    /// <summary>
    /// A client of the real server; null where there is none (<see cref="RealTemporalServer.NotAvailable"/> says why).
    /// A server that fails to start throws, for every caller, rather than passing for absent.
    /// </summary>
    public async Task<TemporalClient?> RealAsync(CancellationToken cancellationToken)
    {
        await _realLookup.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_realLookedFor)
            {
                _real = await RealTemporalServer.FindAsync(_searchAttributes, cancellationToken).ConfigureAwait(false);
                _realClient = _real is null ? null : await _real.ConnectAsync().ConfigureAwait(false);
                _realLookedFor = true;
            }

            return _realClient;
        }
        finally
        {
            _realLookup.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _inProcess.DisposeAsync().ConfigureAwait(false);
        if (_real is not null)
        {
            await _real.DisposeAsync().ConfigureAwait(false);
        }

        _realLookup.Dispose();
    }
}
