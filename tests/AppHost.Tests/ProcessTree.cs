using System.Globalization;

// The tests read /proc to find what the AppHost started, and local mode runs Linux server programs.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Commerce.AppHost.Tests;

/// <summary>
/// What a test process has started, directly or not, read from Linux's /proc: DCP (which watches this process and
/// runs every resource), the servers, the services, and the TCP ports they listen on.
/// </summary>
internal static class ProcessTree
{
    /// <summary>
    /// The descendants of <paramref name="root"/> (this process by default; not the root itself) and of the DCP that
    /// watches it, with the command line of each.
    /// </summary>
    public static Dictionary<int, string> Descendants(int? root = null)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        // DCP's API server runs detached (its parent is init) and watches this process through --monitor.
        var self = root ?? Environment.ProcessId;
        var roots = parents.Keys.Where(pid => CommandLine(pid) is { } line
            && line.Contains($"--monitor {self}", StringComparison.Ordinal)).Append(self).ToHashSet();

        bool DescendsFromRoot(int pid)
        {
            for (var current = pid; parents.TryGetValue(current, out var parent); current = parent)
            {
                if (roots.Contains(parent))
                {
                    return true;
                }
            }

            return false;
        }

        var descendants = parents.Keys
            .Where(pid => pid != self && (roots.Contains(pid) || DescendsFromRoot(pid)))
            .ToDictionary(pid => pid, pid => CommandLine(pid) ?? "");
        return descendants;
    }

    /// <summary>
    /// The TCP sockets the given processes listen on, each by its port and its inode: once the process is gone another
    /// one may listen on the same port (ports are reused at once on a busy machine), but never on the same socket.
    /// </summary>
    public static HashSet<ListeningSocket> ListeningSockets(IEnumerable<int> pids)
    {
        var inodes = new HashSet<string>();
        foreach (var pid in pids)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                    {
                        inodes.Add(target["socket:[".Length..^1]);
                    }
                }
            }
            catch (Exception exception) when (exception is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
            {
                // The process ended while being read: it listens on nothing.
            }
        }

        return [.. AllListeningSockets().Where(socket => inodes.Contains(socket.Inode))];
    }

    /// <summary>The sockets anything on this machine listens on.</summary>
    public static HashSet<ListeningSocket> AllListeningSockets() =>
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
        [.. new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(table => File.ReadLines(table).Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 9 && fields[3] == "0A")
            .Select(fields => new ListeningSocket(
                int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture), fields[9]))];

    public static bool IsRunning(int pid) => ParentOf(pid) is not null;

    private static int? ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? null : int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }

    private static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }
}

/// <summary>A listening TCP socket: its port, and its inode, which no later socket shares.</summary>
public sealed record ListeningSocket(int Port, string Inode);
