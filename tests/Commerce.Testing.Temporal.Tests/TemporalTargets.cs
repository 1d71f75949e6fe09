using Temporalio.Client;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>
/// The servers a test class runs its workflows on: the in-process one always; a real one (<see cref="RealTemporalServer"/>)
/// where there is one, so the same tests become a parity check. Without a real server those runs are skipped with the
/// reason, never silently.
/// </summary>
public sealed class TemporalTargets : IAsyncLifetime
{
    private TemporalServers? _servers;

    public async ValueTask InitializeAsync() => _servers = await TemporalServers.StartAsync();

    /// <summary>A client of the given server; skips the test, saying why, when there is no real server.</summary>
    public async Task<TemporalClient> ClientAsync(ServerKind kind)
    {
        var servers = _servers ?? throw new InvalidOperationException("Initialize the targets first.");
        if (kind == ServerKind.InProcess)
        {
            return servers.InProcess;
        }

        var real = await servers.RealAsync(TestContext.Current.CancellationToken);
        Assert.SkipWhen(real is null, RealTemporalServer.NotAvailable);
        return real!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }
}
