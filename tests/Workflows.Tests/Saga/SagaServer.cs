extern alias temporaltestserver;

using Commerce.Workflows.Saga;
using Commerce.Workflows.Temporal;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Client;

[assembly: AssemblyFixture(typeof(Commerce.Workflows.Tests.Saga.SagaServer))]

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// The Temporal servers the saga tests run on (<see cref="TemporalServers"/>), given the saga's search attributes as the
/// worker registers them at start-up (<see cref="SearchAttributeRegistration"/>). Shared by the run: every test works on
/// a task queue and orders of its own.
/// </summary>
public sealed class SagaServer : IAsyncLifetime
{
    private TemporalServers? _servers;

    /// <summary>A client of the in-process server.</summary>
    public TemporalClient Client => (_servers ?? throw new InvalidOperationException("Start the server first.")).InProcess;

    public async ValueTask InitializeAsync()
    {
        _servers = await TemporalServers.StartAsync();
        await SearchAttributeRegistration.EnsureRegisteredAsync(_servers.InProcess, OrderSaga.SearchAttributes, TestContext.Current.CancellationToken);
    }

    /// <summary>A client of the given server; skips the test, saying why, when there is no real server.</summary>
    public async Task<TemporalClient> ClientAsync(ServerKind kind)
    {
        if (kind == ServerKind.InProcess)
        {
            return Client;
        }

        var real = await _servers!.RealAsync(TestContext.Current.CancellationToken);
        Assert.SkipWhen(real is null, RealTemporalServer.NotAvailable);
        await SearchAttributeRegistration.EnsureRegisteredAsync(real!, OrderSaga.SearchAttributes, TestContext.Current.CancellationToken);
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
