using System.Text;

namespace Commerce.Testing;

/// <summary>
/// One block of a <c>text/event-stream</c>, as the wire has it: an event (its name, id and data) or, when it has only
/// comment lines, a comment such as a heartbeat.
/// </summary>
public sealed record ServerSentBlock(string? EventType, string? Id, string? Data, IReadOnlyList<string> Comments)
{
    public bool IsComment => EventType is null && Id is null && Data is null && Comments.Count > 0;
}

/// <summary>
/// Reads a server-sent event stream block by block, comments included (SseParser drops them, and a test of heartbeats
/// needs to see them). <see cref="NextAsync"/> is null once the server ended the stream.
/// </summary>
public sealed class ServerSentEventReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    public async Task<ServerSentBlock?> NextAsync(CancellationToken cancellationToken)
    {
        string? eventType = null, id = null;
        StringBuilder? data = null;
        var comments = new List<string>();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (eventType is null && id is null && data is null && comments.Count == 0)
                {
                    continue;
                }

                return new ServerSentBlock(eventType, id, data?.ToString(), comments);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon == 0)
            {
                comments.Add(line[1..].Trim());
                continue;
            }

            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            value = value.StartsWith(' ') ? value[1..] : value;
            switch (field)
            {
                case "event":
                    eventType = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "data":
                    data = data is null ? new StringBuilder(value) : data.Append('\n').Append(value);
                    break;
            }
        }

        return null;
    }

    /// <summary>The next block that is an event, skipping heartbeats.</summary>
    public async Task<ServerSentBlock?> NextEventAsync(CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken) is { } block)
        {
            if (!block.IsComment)
            {
                return block;
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
