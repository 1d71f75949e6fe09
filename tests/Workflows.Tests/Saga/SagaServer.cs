extern alias temporaltestserver;

using Commerce.Workflows.Saga;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;

[assembly: AssemblyFixture(typeof(Commerce.Workflows.Tests.Saga.SagaServer))]

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// The Temporal servers the saga tests run on, both knowing the saga's search attributes: the in-process one, and a real
/// one where there is one (<see cref="RealTemporalServer"/>, looked for on first use). Shared by the run: every test
/// works on a task queue and orders of its own.
/// </summary>
public sealed class SagaServer : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, IndexedValueType> SearchAttributes = new Dictionary<string, IndexedValueType>
    {
        [OrderSaga.OrderIdAttribute.Name] = IndexedValueType.Keyword,
        [OrderSaga.CustomerIdAttribute.Name] = IndexedValueType.Keyword,
        [OrderSaga.OrderStatusAttribute.Name] = IndexedValueType.Keyword,
    };

    private readonly SemaphoreSlim _realLookup = new(1, 1);
    private TemporalTestServer? _server;
    private TemporalClient? _client;
    private RealTemporalServer? _real;
    private TemporalClient? _realClient;
    private bool _realLookedFor;

    /// <summary>A client of the in-process server.</summary>
    public TemporalClient Client => _client ?? throw new InvalidOperationException("Start the server first.");

    public async ValueTask InitializeAsync()
    {
        _server = await TemporalTestServer.StartAsync(new TemporalTestServerOptions { SearchAttributes = SearchAttributes });
        _client = await TemporalClient.ConnectAsync(new(_server.Address));
    }

    /// <summary>A client of the given server; skips the test, saying why, when there is no real server.</summary>
    public async Task<TemporalClient> ClientAsync(ServerKind kind)
    {
        if (kind == ServerKind.InProcess)
        {
            return Client;
        }
        await _realLookup.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_realLookedFor)
            {
                // A server that failed to start fails every test that asks for it, rather than skipping them.
                _real = await RealTemporalServer.FindAsync(SearchAttributes, TestContext.Current.CancellationToken);
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
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_real is not null)
        {
            await _real.DisposeAsync();
        }
        _realLookup.Dispose();
    }
}
