using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Commerce.Testing;

/// A RabbitMQ broker for tests: the run's shared node, or a private throwaway node.
public sealed class RabbitMqServer : IAsyncDisposable
{
    // Name a running broker for the whole test run (test.sh sets them), so test processes need not start their own.
    private const string AmqpVariable = "COMMERCE_TEST_RABBITMQ";
    private const string ManagementVariable = "COMMERCE_TEST_RABBITMQ_MANAGEMENT";

    private const string FullPermissions = """{"configure":".*","write":".*","read":".*"}""";

    private static readonly Lazy<Task<RabbitMqServer>> _shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly RabbitMqNode? _node;
    private readonly bool _isShared;
    private readonly HttpClient _management;
    private readonly string _user;
    private bool _disposed;

    private RabbitMqServer(Uri amqpUri, Uri managementUri, RabbitMqNode? node, bool isShared)
    {
        AmqpUri = amqpUri;
        _node = node;
        _isShared = isShared;

        // AMQP's own default when the URI names no user.
        var userInfo = amqpUri.UserInfo.Length > 0 ? amqpUri.UserInfo : "guest:guest";
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        _user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        var password = colon < 0 ? "" : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        // The management API (cowboy) closes a keep-alive connection idle for a while; a pooled one it has just closed
        // fails the next request with "response ended prematurely". Connections idle for a few seconds are not reused.
        _management = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = WithTrailingSlash(managementUri),
        };
        _management.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{password}")));
    }

    /// An administrator's amqp URI of the broker's default virtual host.
    public Uri AmqpUri { get; }

    /// The run's broker: the one named by env COMMERCE_TEST_RABBITMQ (amqp URI of an administrator) and
    /// COMMERCE_TEST_RABBITMQ_MANAGEMENT (management HTTP API base URL), else one private node per test process.
    public static Task<RabbitMqServer> SharedAsync(CancellationToken cancellationToken = default) =>
        _shared.Value.WaitAsync(cancellationToken);

    /// A private node from this machine's rabbitmq-server, on free loopback ports, removed on dispose.
    public static async Task<RabbitMqServer> StartPrivateAsync(CancellationToken cancellationToken = default)
    {
        var node = await RabbitMqNode.StartNewAsync(cancellationToken);
        return FromNode(node, isShared: false);
    }

    /// Creates a virtual host "&lt;prefix&gt;-&lt;8 random hex&gt;" on which the administrator may do anything,
    /// and returns an amqp URI pointing at it.
    public async Task<Uri> CreateVirtualHostAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var name = Uri.EscapeDataString(TestNames.Unique(prefix, '-', maxLength: 255));
        await PutAsync($"api/vhosts/{name}", "{}", cancellationToken);
        await PutAsync($"api/permissions/{name}/{Uri.EscapeDataString(_user)}", FullPermissions, cancellationToken);
        return new Uri($"{AmqpUri.GetLeftPart(UriPartial.Authority)}/{name}");
    }

    /// Stops the node cleanly and frees its ports, keeping its data for <see cref="StartAsync"/>. Private nodes only.
    public Task StopAsync(CancellationToken cancellationToken = default) => OwnNode().StopAsync(cancellationToken);

    /// Starts a stopped private node again on the same ports with the same data.
    public Task StartAsync(CancellationToken cancellationToken = default) => OwnNode().StartAsync(cancellationToken);

    /// A private node is stopped and its directory deleted; the shared broker lives until the process exits.
    public async ValueTask DisposeAsync()
    {
        if (_isShared || _disposed)
        {
            return;
        }

        _disposed = true;
        _management.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    private static async Task<RabbitMqServer> StartSharedAsync()
    {
        var amqp = Environment.GetEnvironmentVariable(AmqpVariable);
        var management = Environment.GetEnvironmentVariable(ManagementVariable);
        if (string.IsNullOrEmpty(amqp) != string.IsNullOrEmpty(management))
        {
            throw new InvalidOperationException($"Set both {AmqpVariable} and {ManagementVariable} to use a running broker, or neither to start one.");
        }

        if (!string.IsNullOrEmpty(amqp) && !string.IsNullOrEmpty(management))
        {
            return new RabbitMqServer(new Uri(amqp), new Uri(management), node: null, isShared: true);
        }

        // Not the first caller's token: the node outlives that caller and serves every later one.
        return FromNode(await RabbitMqNode.StartNewAsync(CancellationToken.None), isShared: true);
    }

    private static RabbitMqServer FromNode(RabbitMqNode node, bool isShared) =>
        new(
            new Uri(string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{node.AmqpPort}/")),
            new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{node.ManagementPort}/")),
            node,
            isShared);

    private async Task PutAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _management.PutAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"RabbitMQ management API refused PUT {_management.BaseAddress}{path}: {(int)response.StatusCode} {response.ReasonPhrase} "
                + await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    private RabbitMqNode OwnNode() =>
        !_isShared && _node is not null
            ? _node
            : throw new InvalidOperationException(
                "Only a broker from RabbitMqServer.StartPrivateAsync can be stopped and started: the shared one serves other tests at the same time.");

    // Relative API paths resolve under the base only if it ends in '/'.
    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
