namespace Commerce.ServiceDefaults.Input;

/// <summary>
/// PostgreSQL's text types cannot hold the NUL character (it answers 22021), and no business value needs one, so text
/// that carries it is refused as the client's mistake before anything is stored.
/// </summary>
public static class StorableText
{
    public const string NulMessage = "The NUL character (\\u0000) is not allowed in text.";

    public static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);
}
