namespace Commerce.Testing.Browser;

/// Where the machine's Chromium is. Playwright's own browser builds cannot be downloaded here nor in CI, so the tests
/// drive Debian's package (test.sh installs it when missing and run as root).
public static class ChromiumExecutable
{
    public const string Variable = "COMMERCE_CHROMIUM";
    private const string DebianPath = "/usr/bin/chromium";

    /// The executable to launch, or why there is none.
    public static (string? Path, string? Missing) Find()
    {
        // A developer's own build wins; a wrong value is reported, not quietly replaced by another browser.
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return IsExecutable(configured) ? (configured, null) : (null, $"{Variable}={configured} is not an executable file");
        }

        if (IsExecutable(DebianPath))
        {
            return (DebianPath, null);
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, "chromium"))
            .FirstOrDefault(IsExecutable);
        return onPath is not null
            ? (onPath, null)
            : (null, $"no Chromium at {DebianPath} nor on PATH and {Variable} is not set; install it with: sudo apt-get install -y chromium");
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
