namespace Commerce.Testing;

/// The end of a server's log, quoted in startup errors: that is where the server says why it did not come up.
internal static class ServerLog
{
    public static string Tail(string path, int lines = 40)
    {
        if (!File.Exists(path))
        {
            return $"(no log at {path})";
        }

        // The server may still hold the file open for writing.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return $"--- last lines of {path} ---\n" + string.Join('\n', all.TakeLast(lines)).TrimEnd();
    }
}
