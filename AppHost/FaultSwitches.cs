using Commerce.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Commerce.AppHost;

/// <summary>
/// <c>Commerce:Faults</c>: whether every Commerce service runs with its fault switches on (<c>Faults__Enabled=true</c>;
/// ServiceDefaults/README.md, "Fault switches"). Off by default; the services run in Development here, where they accept it.
/// </summary>
internal static class FaultSwitches
{
    public const string SettingKey = "Commerce:Faults";

    /// <exception cref="InfrastructureProblem">The setting is not true or false, or is true while publishing.</exception>
    public static bool Requested(IConfiguration configuration, bool publishing)
    {
        var setting = configuration[SettingKey]?.Trim();
        if (string.IsNullOrEmpty(setting))
        {
            return false;
        }

        if (!bool.TryParse(setting, out var requested))
        {
            throw new InfrastructureProblem(
                $"{SettingKey} is '{setting}', which is neither true nor false (environment variable Commerce__Faults, or --Commerce:Faults=true).");
        }

        // A deployment runs in Production, where every service would refuse to start: say so before anything is published.
        if (requested && publishing)
        {
            throw new InfrastructureProblem(
                $"{SettingKey}=true is for running the system here: a deployment runs in Production, where the services refuse fault switches.");
        }

        if (requested)
        {
            // Before the host is built there is no logger; the console is where `dotnet run` shows the AppHost's own lines.
            Console.WriteLine($"AppHost: fault switches on in every service ({SettingKey}=true): each answers /faults (ServiceDefaults/README.md)");
        }

        return requested;
    }

    public static IResourceBuilder<ProjectResource> WithFaultSwitches(this IResourceBuilder<ProjectResource> service, bool on) =>
        on ? service.WithEnvironment("Faults__Enabled", "true") : service;
}
