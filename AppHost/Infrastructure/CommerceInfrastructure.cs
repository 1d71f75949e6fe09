namespace Commerce.AppHost.Infrastructure;

/// <summary>
/// What the services stand on, whichever way it runs: a PostgreSQL server to give each service its own database, the
/// event bus, and Temporal. The services' resources are the same in both modes; only these differ.
/// </summary>
public sealed record CommerceInfrastructure(
    Func<string, IResourceBuilder<IResourceWithConnectionString>> AddDatabase,
    IResourceBuilder<IResourceWithConnectionString> EventBus,
    TemporalFrontend Temporal);

public static class CommerceInfrastructureExtensions
{
    /// <summary>
    /// Chooses the mode (<see cref="InfrastructureModes.Choose"/>), says which and why, and adds PostgreSQL
    /// (<c>postgres</c>), RabbitMQ (<c>eventbus</c>) and Temporal (<c>temporal</c>) in it.
    /// </summary>
    /// <exception cref="InfrastructureProblem">A setting or this machine does not allow the chosen mode.</exception>
    public static CommerceInfrastructure AddCommerceInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var (mode, why) = InfrastructureModes.Choose(builder.Configuration, builder.ExecutionContext.IsPublishMode);
        // Before the host is built there is no logger; the console is where `dotnet run` shows the AppHost's own lines.
        Action<string> log = line => Console.WriteLine($"AppHost: {line}");
        log($"infrastructure: {Describe(mode)}, because {why} (set {InfrastructureModes.SettingKey} to auto, containers or local)");

        if (mode == InfrastructureMode.Containers)
        {
            return builder.AddContainerInfrastructure();
        }

        // Local mode runs Debian's (or Homebrew's) server programs and sets Unix file modes on their data.
        if (OperatingSystem.IsWindows())
        {
            throw new InfrastructureProblem(
                "local mode runs on Linux and macOS only: on Windows start Docker or Podman, or set Commerce__Infrastructure=containers.");
        }

        return builder.AddLocalInfrastructure(log);
    }

    private static string Describe(InfrastructureMode mode) => mode == InfrastructureMode.Containers
        ? "containers (PostgreSQL, RabbitMQ and the Temporal dev server as container images)"
        : "local processes (PostgreSQL, RabbitMQ and Temporal run from this machine's programs)";
}
