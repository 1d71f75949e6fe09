using Microsoft.AspNetCore.Http;

namespace Commerce.ServiceDefaults.Faults;

/// <summary>
/// A rule's path, matched segment by segment and ignoring case: a segment <c>*</c> matches exactly one segment, a final
/// <c>**</c> any rest (none included); otherwise both have the same number of segments.
/// </summary>
internal sealed class PathPattern
{
    private const string AnySegment = "*";
    private const string AnyRest = "**";

    private readonly string[] _segments;
    private readonly bool _anyRest;

    private PathPattern(string[] segments, bool anyRest)
    {
        _segments = segments;
        _anyRest = anyRest;
    }

    public static PathPattern Parse(string pattern)
    {
        var segments = Segments(pattern);
        var anyRest = segments is [.., AnyRest];
        return new PathPattern(anyRest ? segments[..^1] : segments, anyRest);
    }

    /// <summary>Why <paramref name="pattern"/> is not a path pattern, or null when it is one.</summary>
    public static string? ProblemWith(string pattern) =>
        !pattern.StartsWith('/') ? "A path starts with '/'."
        : Segments(pattern).SkipLast(1).Contains(AnyRest) ? "'**' can only be the last segment of a path."
        : null;

    public bool Matches(PathString path)
    {
        var segments = Segments(path.Value ?? "");
        if (_anyRest ? segments.Length < _segments.Length : segments.Length != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            if (_segments[i] != AnySegment && !string.Equals(_segments[i], segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
