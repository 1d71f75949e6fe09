using Temporalio.Api.Enums.V1;

namespace Commerce.Testing.Temporal;

/// <summary>How a <see cref="TemporalTestServer"/> is set up. Everything it holds lives in memory only.</summary>
public sealed record TemporalTestServerOptions
{
    /// <summary>Loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Namespaces served in addition to <c>default</c>, which always exists.</summary>
    public IReadOnlyCollection<string> Namespaces { get; init; } = [];

    /// <summary>Custom search attributes registered in every namespace, by name.</summary>
    public IReadOnlyDictionary<string, IndexedValueType> SearchAttributes { get; init; } =
        new Dictionary<string, IndexedValueType>();

    /// <summary>
    /// Source of every timestamp and timer (durable timers, retry backoff, timeouts), so a test can pass a fake clock and
    /// skip a long timer without sleeping.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Longest a poll waits for a task before answering empty. Shorter than the SDK's own poll deadline, so a poll is
    /// answered rather than cancelled; a call whose deadline is sooner is answered before its deadline.
    /// </summary>
    public TimeSpan LongPollTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Where to serve the Temporal Web UI and the HTTP API it calls; none when null.</summary>
    public TemporalUiOptions? Ui { get; init; }
}

/// <summary>The Web UI: a loopback port (0 picks a free one) and the folder tools/temporal-ui builds the site into.</summary>
public sealed record TemporalUiOptions(int Port, string SiteDirectory);
