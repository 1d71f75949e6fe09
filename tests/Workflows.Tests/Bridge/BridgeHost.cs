extern alias orderingapi;
extern alias temporaltestserver;

using Commerce.Ordering.Contracts;
using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Refit;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Client;

namespace Commerce.Workflows.Tests.Bridge;

/// <summary>
/// The Workflows service as it runs: its hosted worker on task queue <c>orders</c> and its bridge consuming the events
/// Ordering really publishes, against an in-process Temporal server of its own, with its inbox in a fresh database.
/// The worker's calls reach the in-process participants; Ordering is one of its own, so the bridge sees only the
/// orders these tests place, not those every other test places in the shared one.
/// </summary>
public sealed class BridgeHost(Participants participants) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);
    public const int MaxDeliveries = 3;

    private TemporalTestServer? _temporal;
    private string? _database;

    public TemporalClient Client { get; private set; } = null!;

    /// <summary>The service's own database, where the bridge's inbox is.</summary>
    public string ConnectionString => _database ?? throw new InvalidOperationException("Initialize the host first.");

    /// <summary>The bridge's own Ordering: place orders here.</summary>
    public ParticipantHost<orderingapi::Program> Ordering { get; } = participants.NewOrdering();

    /// <summary>Where the bridge consumes from: its Ordering's virtual host.</summary>
    public Uri Broker => Ordering.VirtualHost;

    public IOrderingApi OrderingClient() => RestService.For<IOrderingApi>(Ordering.CreateClient());

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // Knowing no search attribute: the service registers the saga's itself once connected.
        _temporal = await TemporalTestServer.StartAsync(new TemporalTestServerOptions());
        Client = await TemporalClient.ConnectAsync(new(_temporal.Address));
        await Ordering.InitializeAsync();
        _database = await (await PostgresServer.SharedAsync(cancellationToken)).CreateDatabaseAsync("workflows", cancellationToken);
        _ = Server;
        // The bridge consumes once Temporal is ready: until its queue has a consumer, Ordering's events would be lost
        // to an exchange with no queue bound for them.
        await BrokerQueues.WaitForConsumerAsync(Broker, Extensions.ServiceName, cancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("TEMPORAL_ADDRESS", _temporal!.Address);
        builder.UseSetting($"ConnectionStrings:{Extensions.DatabaseName}", _database);
        builder.UseSetting("ConnectionStrings:eventbus", Broker.ToString());
        // Long enough for a customer's cancellation to travel Ordering → outbox → broker → bridge → saga on a busy
        // machine (it takes milliseconds), short enough to keep the tests quick.
        builder.UseSetting("Workflows:GracePeriod", GracePeriod.ToString());
        // A cancellation for a saga that does not exist yet is retried; the tests see it dead-lettered after these few.
        builder.UseSetting("Messaging:MaxDeliveries", MaxDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var service in new[] { "inventory", "payments", "shipping", "ordering" })
        {
            builder.UseSetting($"services:{service}:http:0", $"http://{service}");
        }

        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Warning));
        builder.ConfigureTestServices(services => services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = participants.CreateNetwork(Ordering))));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Ordering.DisposeAsync();
        if (_temporal is not null)
        {
            await _temporal.DisposeAsync();
        }
    }
}
