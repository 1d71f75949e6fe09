using System.Runtime.Versioning;

namespace Commerce.AppHost.Infrastructure;

[UnsupportedOSPlatform("windows")]
public static class LocalInfrastructure
{
    /// <summary>
    /// The servers as processes of this machine under DCP, on loopback, their data in the state directory
    /// (<see cref="StateDirectory"/>), so it survives an AppHost restart. DCP stops them with the AppHost.
    /// </summary>
    public static CommerceInfrastructure AddLocalInfrastructure(this IDistributedApplicationBuilder builder, Action<string> log)
    {
        var programs = LocalPrograms.FindOrInstall(log);
        var state = StateDirectory.Resolve(builder.Configuration);
        Directory.CreateDirectory(state);
        log($"local state in {state} (set {StateDirectory.SettingKey} to keep it elsewhere)");

        var postgres = builder.AddLocalPostgres("postgres", programs, state);
        var eventbus = builder.AddLocalRabbitMq("eventbus", programs, state);
        var temporal = builder.AddLocalTemporal("temporal", programs, state);
        log(programs.TemporalCli is { } cli
            ? $"Temporal: the CLI's dev server ({cli}), with its Web UI"
            : "Temporal: the in-process server (no temporal CLI on PATH): in memory; its Web UI is built from npm on the first run (temporal-ui-build)");

        return new CommerceInfrastructure(
            database => postgres.AddDatabase(database),
            eventbus,
            temporal);
    }
}
