extern alias temporaltestserver;

using Commerce.Workflows.Saga;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>The in-process Temporal server the saga tests run on, with the saga's search attributes registered.</summary>
public sealed class SagaServer : IAsyncLifetime
{
    private TemporalTestServer? _server;
    private TemporalClient? _client;

    public TemporalClient Client => _client ?? throw new InvalidOperationException("Start the server first.");

    public async ValueTask InitializeAsync()
    {
        _server = await TemporalTestServer.StartAsync(new TemporalTestServerOptions
        {
            SearchAttributes = new Dictionary<string, IndexedValueType>
            {
                [OrderSaga.OrderIdAttribute.Name] = IndexedValueType.Keyword,
                [OrderSaga.CustomerIdAttribute.Name] = IndexedValueType.Keyword,
                [OrderSaga.OrderStatusAttribute.Name] = IndexedValueType.Keyword,
            },
        });
        _client = await TemporalClient.ConnectAsync(new(_server.Address));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
