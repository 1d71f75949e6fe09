using System.Threading.Channels;
using Dapper;
using Npgsql;

namespace Commerce.Ordering.Api.Data;

/// <summary>
/// Tells the open live streams of an order that its timeline changed. Every process LISTENs on one connection of its
/// own, however many streams are open: the writer of a timeline fact NOTIFYs the order's id in the fact's transaction
/// (<see cref="NotifyAsync"/>), so a stream hears of a change exactly when it committed, and never polls.
/// </summary>
public sealed partial class OrderChangeFeed(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<OrderChangeFeed> logger)
    : BackgroundService
{
    /// <summary>The PostgreSQL channel; the payload is the order id.</summary>
    public const string Channel = "order_changes";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, List<OrderChangeSubscription>> _subscribers = [];

    /// <summary>
    /// Announces a change to <paramref name="orderId"/>, delivered when <paramref name="transaction"/> commits (and not
    /// at all if it rolls back). Two announcements of one order in one transaction arrive as one.
    /// </summary>
    public static Task NotifyAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_notify(@channel, @orderId::text)",
            new { channel = Channel, orderId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Hears of every change to <paramref name="orderId"/> from now until the subscription is disposed.</summary>
    public OrderChangeSubscription Subscribe(Guid orderId)
    {
        var subscription = new OrderChangeSubscription(orderId, Unsubscribe);
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(orderId, out var list))
            {
                _subscribers[orderId] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    /// <summary>How many live streams of <paramref name="orderId"/> are open in this process (0 once every client hung up).</summary>
    public int StreamsOf(Guid orderId)
    {
        lock (_gate)
        {
            return _subscribers.TryGetValue(orderId, out var list) ? list.Count : 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => Announce(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                failures = 0;
                // Changes that committed while no connection listened were never heard: every stream looks again.
                AnnounceToAll();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The streams stay open and send heartbeats; they hear of changes again once the connection is back.
                failures++;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, Math.Min(failures - 1, 10)), MaxBackoff.TotalMilliseconds));
                LogListenFailed(exception, backoff);
                await DelayAsync(backoff, stoppingToken);
            }
        }
    }

    private void Announce(string payload)
    {
        if (!Guid.TryParse(payload, out var orderId))
        {
            return;
        }

        lock (_gate)
        {
            if (_subscribers.TryGetValue(orderId, out var list))
            {
                list.ForEach(subscription => subscription.Changed());
            }
        }
    }

    private void AnnounceToAll()
    {
        lock (_gate)
        {
            foreach (var subscription in _subscribers.Values.SelectMany(list => list))
            {
                subscription.Changed();
            }
        }
    }

    private void Unsubscribe(OrderChangeSubscription subscription)
    {
        lock (_gate)
        {
            if (_subscribers.TryGetValue(subscription.OrderId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _subscribers.Remove(subscription.OrderId);
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the loop sees the token and ends.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for order changes failed; live streams hear of no change until it is back (retrying in {Backoff})")]
    private partial void LogListenFailed(Exception exception, TimeSpan backoff);
}

/// <summary>One live stream's ear on an order: <see cref="WaitAsync"/> returns once something changed since it last returned.</summary>
public sealed class OrderChangeSubscription : IDisposable
{
    // One slot: changes that happen while the stream is busy sending collapse into one wake-up, after which it reads
    // the order as it then is.
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Action<OrderChangeSubscription> _unsubscribe;
    private int _disposed;

    internal OrderChangeSubscription(Guid orderId, Action<OrderChangeSubscription> unsubscribe)
    {
        OrderId = orderId;
        _unsubscribe = unsubscribe;
    }

    public Guid OrderId { get; }

    /// <returns>True when the order changed; false when <paramref name="timeout"/> passed first.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _changes.Reader.WaitToReadAsync(either.Token);
            _changes.Reader.TryRead(out _);
            return true;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    internal void Changed() => _changes.Writer.TryWrite(true);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe(this);
        }
    }
}
