using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Threading.Channels;
using Commerce.ServiceDefaults.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.ServiceDefaults.Tests.Faults;

/// <summary>
/// A service with its fault switches on (environment Testing), a clock the test moves, a terminator that only records,
/// and endpoints that count what they did: <c>GET /items/{id}</c> reads, <c>POST /orders</c> commits (or refuses with
/// 409 and commits nothing when <c>?refuse=true</c>), <c>POST /reservations/{id}/commit</c> commits.
/// </summary>
internal sealed class FaultyService : IAsyncDisposable
{
    private int _handled;
    private int _commits;

    private FaultyService(WebApplication app, ObservedClock clock, RecordingTerminator terminator)
    {
        App = app;
        Clock = clock;
        Terminator = terminator;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public ObservedClock Clock { get; }

    public RecordingTerminator Terminator { get; }

    /// <summary>How many requests reached an endpoint.</summary>
    public int Handled => Volatile.Read(ref _handled);

    /// <summary>How many requests an endpoint committed.</summary>
    public int Commits => Volatile.Read(ref _commits);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<FaultyService> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Testing")
    {
        var clock = new ObservedClock();
        var terminator = new RecordingTerminator();
        FaultyService? service = null;
        var allSettings = new Dictionary<string, string?> { ["Faults:Enabled"] = "true" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            allSettings[key] = value;
        }

        var app = await TestApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton<IProcessTerminator>(terminator);
            },
            endpoints =>
            {
                endpoints.MapGet("/items/{id:int}", (int id) => service!.Handle(commits: false, TypedResults.Ok(new { id })));
                endpoints.MapPost("/orders", (bool? refuse) => refuse == true
                    ? service!.Handle(commits: false, TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused on purpose."))
                    : service!.Handle(commits: true, TypedResults.Created("/orders/1", new { committed = true })));
                endpoints.MapPost("/reservations/{id:int}/commit", (int id) => service!.Handle(commits: true, TypedResults.Ok(new { id })));
            },
            environment,
            allSettings);
        service = new FaultyService(app, clock, terminator);
        return service;
    }

    public Task<HttpResponseMessage> PutRuleAsync(string name, string json) =>
        Client.PutAsync($"/faults/{name}", new StringContent(json, Encoding.UTF8, "application/json"), Cancellation);

    /// <summary>Sets the rule, failing the test unless the switchboard took it.</summary>
    public async Task SetRuleAsync(string name, string json)
    {
        var response = await PutRuleAsync(name, json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }

    public Task<HttpResponseMessage> GetItemAsync(int id = 1) => Client.GetAsync($"/items/{id}", Cancellation);

    public Task<HttpResponseMessage> PlaceOrderAsync(bool refuse = false) =>
        Client.PostAsJsonAsync(refuse ? "/orders?refuse=true" : "/orders", new { }, Cancellation);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    private IResult Handle(bool commits, IResult answer)
    {
        Interlocked.Increment(ref _handled);
        if (commits)
        {
            Interlocked.Increment(ref _commits);
        }

        return answer;
    }
}

/// <summary>A fake clock that also says when a timer is started on it, so a test moves time only once a delay waits on it.</summary>
internal sealed class ObservedClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly Channel<TimeSpan> _timersStarted = Channel.CreateUnbounded<TimeSpan>();

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        _timersStarted.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>Waits until something starts a timer due in <paramref name="dueTime"/> (a delay of that length).</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        await foreach (var started in _timersStarted.Reader.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            if (started == dueTime)
            {
                return;
            }
        }
    }
}

internal sealed class RecordingTerminator : IProcessTerminator
{
    private readonly ConcurrentQueue<string> _rules = new();

    /// <summary>The rules that asked for the process to end, in order.</summary>
    public IReadOnlyCollection<string> Rules => _rules;

    public void Terminate(string ruleName) => _rules.Enqueue(ruleName);
}
