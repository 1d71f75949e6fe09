using System.Text.Json.Serialization;

namespace Commerce.ServiceDefaults.Faults;

/// <summary>
/// What a fault switch does to the requests it matches: delay them, fail them (the next N, or at a rate), or let one
/// commit and crash the process before it answers. Set in <c>Faults:Rules:{name}</c> or with <c>PUT /faults/{name}</c>.
/// </summary>
// A misspelt field ("failnxt") would otherwise be dropped, and the rule would quietly do something else than asked.
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FaultRule
{
    public const int DefaultStatus = 503;

    /// <summary>The HTTP method it matches, any when absent.</summary>
    public string? Method { get; init; }

    /// <summary>The path it matches (<see cref="PathPattern"/>): <c>/reservations/*/commit</c>, <c>/payments/**</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Added before the request goes on.</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary>The probability (0 to 1) with which each matching request fails, drawn reproducibly from the seed.</summary>
    public double ErrorRate { get; init; }

    /// <summary>How many of the next matching requests fail; after them the rule stops failing.</summary>
    public int FailNext { get; init; }

    /// <summary>The status of an injected failure, 400 to 599.</summary>
    public int Status { get; init; } = DefaultStatus;

    /// <summary>The next matching request that commits (answers below 400) kills the process before its answer leaves.</summary>
    public bool CrashAfterCommit { get; init; }

    /// <summary>How long the rule is in force after it was set; for ever when absent.</summary>
    public TimeSpan? For { get; init; }
}
