using System.Globalization;
using System.Text;
using Google.Protobuf;

namespace Commerce.Testing.Temporal.State;

/// <summary>
/// Names the one task a worker was handed, so a late answer for an older attempt (or an older workflow task) is told
/// apart from the current one and refused, as Temporal does.
/// </summary>
internal sealed record TaskToken(string Namespace, string WorkflowId, string RunId, long ScheduledEventId, int Attempt)
{
    /// <summary>Set on a query task's token only.</summary>
    public string QueryId { get; init; } = "";

    // A readable text form: tokens are opaque to the SDK, and a readable one makes a failing test easier to follow.
    public ByteString Encode() =>
        ByteString.CopyFromUtf8(string.Join('\n', Namespace, WorkflowId, RunId,
            ScheduledEventId.ToString(CultureInfo.InvariantCulture), Attempt.ToString(CultureInfo.InvariantCulture),
            QueryId));

    public static TaskToken? Decode(ByteString bytes)
    {
        var parts = Encoding.UTF8.GetString(bytes.Span).Split('\n');
        if (parts.Length != 6
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var scheduledEventId)
            || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt))
        {
            return null;
        }
        return new TaskToken(parts[0], parts[1], parts[2], scheduledEventId, attempt) { QueryId = parts[5] };
    }
}
