namespace Commerce.Testing;

/// A program with its arguments, extra environment and working directory, as handed to <see cref="ProcessRunner"/>.
internal sealed record Command(string FileName, IReadOnlyList<string> Arguments)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    /// The same command run as <paramref name="user"/> when this process is root, else unchanged.
    /// PostgreSQL refuses to run as root, so its tools run as its own user on CI machines.
    public Command AsUserWhenRoot(string user) =>
        System.Environment.IsPrivilegedProcess
            ? this with { FileName = "runuser", Arguments = ["-u", user, "--", FileName, .. Arguments] }
            : this;

    /// The same command with its output appended to <paramref name="logFile"/> instead of handed back through pipes.
    /// Servers and daemons need this: .NET can only give a child pipes, which block a server once nobody drains them,
    /// and which a daemon would hold open, keeping the test host's own output open after the host has exited.
    public Command LoggingTo(string logFile) =>
        this with
        {
            FileName = "/bin/sh",
            Arguments = ["-c", "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null", "sh", logFile, FileName, .. Arguments],
        };

    /// This command as one line of shell script, every word quoted (without its environment and working directory).
    public string ToShellScript() => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(ShellQuote));

    /// Quotes a word for sh, which takes everything between single quotes literally.
    public static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}
