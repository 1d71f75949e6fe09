using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Commerce.Bench.Harness;

/// <summary>What the figures depend on besides the code: the machine, the build, and how busy others kept it.</summary>
internal static class MachineFacts
{
    /// <summary>The 1, 5 and 15 minute load averages, as <c>uptime</c> shows them; "unknown" off Linux.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static string Processor()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores ({model ?? RuntimeInformation.ProcessArchitecture.ToString()})";
    }

    /// <summary>Total memory as /proc/meminfo gives it, in GiB.</summary>
    public static string Memory()
    {
        var total = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))
            : null;
        return total?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var kib, ..] && long.TryParse(kib, out var kibibytes)
            ? $"{kibibytes / (1024.0 * 1024.0):F1} GiB"
            : "unknown";
    }

    public static string Runtime() => $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}";

    /// <summary>Debug or Release: under test.sh the bench runs in the tests' configuration.</summary>
    public static string BuildConfiguration() =>
        typeof(MachineFacts).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    /// <summary>The commit the bench was built from, "+ changes" when the work tree differs from it.</summary>
    public static string GitCommit()
    {
        var commit = Git("rev-parse --short HEAD");
        return commit is null ? "unknown" : Git("status --porcelain --untracked-files=no") is { Length: > 0 } ? $"{commit} + changes" : commit;
    }

    /// <summary>The repository this program was built in (where Commerce.sln is), else the working directory.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Commerce.sln")))
            {
                return directory.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }

    private static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = RepositoryRoot(),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
