namespace Commerce.Testing.Hostile;

/// <summary>
/// An endpoint as a valid request to it: the <see cref="Route"/> values fill the <see cref="Template"/>'s
/// <c>{name}</c> placeholders, <see cref="Query"/> and <see cref="Headers"/> are sent as given, <see cref="Body"/> as JSON.
/// <see cref="HostileInputProbe"/> breaks one part of it at a time.
/// </summary>
public sealed record HostileEndpoint(string Method, string Template)
{
    public IReadOnlyDictionary<string, string> Route { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A valid JSON body, or null for an endpoint that takes none.</summary>
    public string? Body { get; init; }

    /// <summary>
    /// Checks, after every hostile request to the endpoint, that none of them left a trace (for example, the resource
    /// they named does not exist).
    /// </summary>
    public Func<CancellationToken, Task>? AssertNothingWritten { get; init; }

    /// <summary>
    /// What the valid request answers, sent last (after <see cref="AssertNothingWritten"/>): it shows that each hostile
    /// request was refused for what was broken in it, not for something wrong in the rest.
    /// </summary>
    public int? ValidStatus { get; init; }

    public override string ToString() => $"{Method} {Template}";
}
