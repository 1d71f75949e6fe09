using Temporalio.Client;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>
/// The servers a test class runs its workflows on: the in-process one always; a real one (<see cref="RealTemporalServer"/>)
/// where there is one, so the same tests become a parity check. Without a real server those runs are skipped with the
/// reason, never silently.
/// </summary>
public sealed class TemporalTargets : IAsyncLifetime
{
    private readonly SemaphoreSlim _realLookup = new(1, 1);
    private TemporalTestServer? _inProcess;
    private TemporalClient? _inProcessClient;
    private RealTemporalServer? _real;
    private TemporalClient? _realClient;
    private bool _realLookedFor;

    public async ValueTask InitializeAsync()
    {
        _inProcess = await TemporalTestServer.StartAsync(new TemporalTestServerOptions());
        _inProcessClient = await TemporalClient.ConnectAsync(new(_inProcess.Address));
    }

    /// <summary>A client of the given server; skips the test, saying why, when there is no real server.</summary>
    public async Task<TemporalClient> ClientAsync(ServerKind kind)
    {
        if (kind == ServerKind.InProcess)
        {
            return _inProcessClient ?? throw new InvalidOperationException("Initialize the targets first.");
        }
        await _realLookup.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_realLookedFor)
            {
                // A server that failed to start fails every test that asks for it, rather than skipping them.
                _real = await RealTemporalServer.FindAsync(cancellationToken: TestContext.Current.CancellationToken);
                _realClient = _real is null ? null : await _real.ConnectAsync();
                _realLookedFor = true;
            }
        }
        finally
        {
            _realLookup.Release();
        }
        if (_realClient is null)
        {
            Assert.Skip(RealTemporalServer.NotAvailable);
        }
        return _realClient;
    }

    public async ValueTask DisposeAsync()
    {
        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync();
        }
        if (_real is not null)
        {
            await _real.DisposeAsync();
        }
        _realLookup.Dispose();
    }
}
