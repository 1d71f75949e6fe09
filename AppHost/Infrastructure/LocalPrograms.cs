using System.Diagnostics;
using System.Runtime.Versioning;

namespace Commerce.AppHost.Infrastructure;

/// <summary>
/// The server programs local mode runs: PostgreSQL's (Debian keeps them off PATH, in /usr/lib/postgresql/N/bin),
/// RabbitMQ's scripts (the ones /usr/sbin/rabbitmq-server wraps, which run as whoever calls them), Erlang's epmd, and
/// the Temporal CLI where there is one. What is missing is installed when this process may (root with apt-get), as
/// test.sh does; otherwise start-up stops with the command that installs it.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed record LocalPrograms(string PostgresBin, string RabbitMqBin, string Epmd, string? TemporalCli)
{
    private const string DebianPackages = "postgresql rabbitmq-server";

    public static LocalPrograms FindOrInstall(Action<string> log)
    {
        var missing = Missing();
        if (missing.Count > 0)
        {
            if (!CanInstall())
            {
                throw new InfrastructureProblem(
                    $"local mode needs {string.Join(" and ", missing)}, which are not installed: " +
                    $"run 'sudo apt-get install -y {DebianPackages}', or start a container runtime.");
            }

            log($"installing {string.Join(" and ", missing)} with apt-get (once; local mode runs them as processes)");
            Install();
        }

        return new LocalPrograms(
            FindPostgresBin() ?? throw new InfrastructureProblem("PostgreSQL's server programs are still missing after apt-get install postgresql."),
            FindRabbitMqBin() ?? throw new InfrastructureProblem("rabbitmq-server is still missing after apt-get install rabbitmq-server."),
            FindEpmd() ?? throw new InfrastructureProblem("Erlang's epmd is still missing after apt-get install rabbitmq-server."),
            OnPath("temporal"));
    }

    private static List<string> Missing()
    {
        var missing = new List<string>();
        if (FindPostgresBin() is null)
        {
            missing.Add("PostgreSQL's server programs (initdb, postgres)");
        }

        if (FindRabbitMqBin() is null || FindEpmd() is null)
        {
            missing.Add("RabbitMQ (rabbitmq-server, epmd)");
        }

        return missing;
    }

    private static string? FindPostgresBin()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => Path.Combine(dir, "bin"))
            : [];
        return candidates.Append(Path.GetDirectoryName(OnPath("initdb")))
            .FirstOrDefault(dir => dir is not null && IsExecutable(Path.Combine(dir, "initdb")) && IsExecutable(Path.Combine(dir, "postgres")));
    }

    private static string? FindRabbitMqBin() =>
        new[] { "/usr/lib/rabbitmq/bin", Path.GetDirectoryName(OnPath("rabbitmq-server")) }
            .FirstOrDefault(dir => dir is not null && IsExecutable(Path.Combine(dir, "rabbitmq-server")));

    private static string? FindEpmd() =>
        OnPath("epmd") ?? (IsExecutable("/usr/lib/erlang/bin/epmd") ? "/usr/lib/erlang/bin/epmd" : null);

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(IsExecutable);

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static bool CanInstall() => CurrentUser.IsRoot && OnPath("apt-get") is not null;

    private static void Install()
    {
        Run("apt-get", ["update", "-qq"]);
        Run("apt-get", ["install", "-y", "-qq", .. DebianPackages.Split(' ')]);
    }

    private static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InfrastructureProblem($"could not start {program}.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InfrastructureProblem(
                $"'{program} {string.Join(' ', arguments)}' failed (exit code {process.ExitCode}): " +
                $"install {DebianPackages} by hand, then run the AppHost again.");
        }
    }
}
