using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Commerce.Bench.Raw;

/// <summary>
/// PostgreSQL's LISTEN/NOTIFY with nothing around it: one connection LISTENs, another NOTIFYs (a statement on its
/// own, so its commit delivers the notification, as an outbox commit does), timed from sending the NOTIFY to the
/// notification arriving at the listener.
/// </summary>
public sealed class RawNotifyRoundTrip : IAsyncDisposable
{
    private const string Channel = "bench_raw_round_trip";

    private readonly NpgsqlConnection _listener;
    private readonly NpgsqlConnection _notifier;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _listening;
    private TaskCompletionSource<long>? _arrival;
    private string _expected = "";

    private RawNotifyRoundTrip(NpgsqlConnection listener, NpgsqlConnection notifier)
    {
        _listener = listener;
        _notifier = notifier;
        _listener.Notification += (_, notification) =>
        {
            // Stamped here, where the notification is read, not after the awaiting side has been scheduled.
            var arrivedAt = Stopwatch.GetTimestamp();
            if (notification.Payload == _expected)
            {
                _arrival?.TrySetResult(arrivedAt);
            }
        };
        _listening = ListenAsync();
    }

    public static async Task<RawNotifyRoundTrip> StartAsync(string connectionString)
    {
        var listener = new NpgsqlConnection(connectionString);
        await listener.OpenAsync();
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var notifier = new NpgsqlConnection(connectionString);
        await notifier.OpenAsync();
        return new RawNotifyRoundTrip(listener, notifier);
    }

    /// <summary>One NOTIFY to its arrival.</summary>
    public async Task<TimeSpan> RoundTripAsync(int sequence)
    {
        _expected = sequence.ToString(CultureInfo.InvariantCulture);
        _arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var notify = new NpgsqlCommand($"NOTIFY {Channel}, '{_expected}'", _notifier);
        var sent = Stopwatch.GetTimestamp();
        await notify.ExecuteNonQueryAsync();
        var arrived = await _arrival.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return Stopwatch.GetElapsedTime(sent, arrived);
    }

    private async Task ListenAsync()
    {
        try
        {
            while (true)
            {
                await _listener.WaitAsync(_stopping.Token);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _listening;
        await _listener.DisposeAsync();
        await _notifier.DisposeAsync();
        _stopping.Dispose();
    }
}
