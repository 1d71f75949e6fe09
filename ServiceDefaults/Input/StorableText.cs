using System.Buffers;
using System.Text;

namespace Commerce.ServiceDefaults.Input;

/// <summary>
/// Text a database can hold as it was sent. PostgreSQL's text types cannot hold the NUL character (it answers 22021),
/// and half a surrogate pair has no UTF-8 form (it would be stored as U+FFFD, silently not what was sent); no business
/// value needs either, so text carrying one is refused as the client's mistake before anything is stored.
/// </summary>
public static class StorableText
{
    public const string NulMessage = "The NUL character (\\u0000) is not allowed in text.";

    public const string LoneSurrogateMessage = "The text holds half a surrogate pair, which is no character.";

    public static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    /// <summary>Why <paramref name="text"/> cannot be stored as sent, or null when it can.</summary>
    public static string? ProblemWith(string? text) => text switch
    {
        null => null,
        _ when HasNul(text) => NulMessage,
        _ when !IsWellFormedUtf16(text) => LoneSurrogateMessage,
        _ => null,
    };

    private static bool IsWellFormedUtf16(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }
}
