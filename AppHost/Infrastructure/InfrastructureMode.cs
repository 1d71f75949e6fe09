using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Commerce.AppHost.Infrastructure;

/// <summary>How PostgreSQL, RabbitMQ and Temporal run: in containers, or as processes of this machine.</summary>
public enum InfrastructureMode
{
    Containers,
    LocalProcesses,
}

public static class InfrastructureModes
{
    /// <summary>The one setting that overrides the choice: <c>auto</c> (the default), <c>containers</c> or <c>local</c>.</summary>
    public const string SettingKey = "Commerce:Infrastructure";

    private static readonly TimeSpan RuntimeProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The configured mode, or with <c>auto</c>: containers when a container runtime answers, local processes when none
    /// does. Publishing always describes containers: that is what a deployment target runs.
    /// </summary>
    public static (InfrastructureMode Mode, string Why) Choose(IConfiguration configuration, bool publishing)
    {
        if (publishing)
        {
            return (InfrastructureMode.Containers, "publishing a deployment, which runs containers");
        }

        var setting = configuration[SettingKey]?.Trim() ?? "auto";
        switch (setting.ToLowerInvariant())
        {
            case "containers":
                return (InfrastructureMode.Containers, $"{SettingKey}={setting}");
            case "local":
                return (InfrastructureMode.LocalProcesses, $"{SettingKey}={setting}");
            case "auto" or "":
                var runtime = configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } named ? named : "docker";
                return ContainerRuntimeAnswers(runtime)
                    ? (InfrastructureMode.Containers, $"the container runtime '{runtime}' answers")
                    : (InfrastructureMode.LocalProcesses, $"no container runtime answers ('{runtime} info' failed)");
            default:
                throw new InfrastructureProblem(
                    $"{SettingKey} is '{setting}', which is not a mode: use auto, containers or local " +
                    "(environment variable Commerce__Infrastructure, or --Commerce:Infrastructure=local).");
        }
    }

    // The same question DCP asks before it runs a container: does the engine (not just the client) answer?
    private static bool ContainerRuntimeAnswers(string runtime)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (probe is null)
            {
                return false;
            }

            if (!probe.WaitForExit(RuntimeProbeTimeout))
            {
                probe.Kill(entireProcessTree: true);
                return false;
            }

            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // The client itself is not installed.
            return false;
        }
    }
}
