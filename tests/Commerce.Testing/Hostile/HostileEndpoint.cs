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

    /// <summary>
    /// Also send the body with each field left out. Opt-in: only where every field of the valid body is required, since
    /// a body without an optional field is a valid request, which the probe would count as a wrong answer.
    /// </summary>
    public bool LeaveOutEachField { get; init; }

    /// <summary>The endpoint may go without its body: then an empty body and a JSON <c>null</c> are valid requests, not malformed ones.</summary>
    public bool BodyOptional { get; init; }

    /// <summary>
    /// Every request is refused whatever it holds (an anonymous call to a signed-in endpoint), so any 4xx ProblemDetails is
    /// right: a NUL or an unknown charset may be refused before the caller is, or after.
    /// </summary>
    public bool OnlyRefusal { get; init; }

    public override string ToString() => $"{Method} {Template}";
}
