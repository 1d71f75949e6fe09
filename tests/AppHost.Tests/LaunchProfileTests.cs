using System.Text.Json;
using System.Xml.Linq;

namespace Commerce.AppHost.Tests;

/// <summary>
/// The ports `dotnet run --project AppHost` gives the projects come from their launch profiles (the tests' AppHost picks
/// free ones instead, so only this test sees a clash): two projects on one port leave one of them unreachable, and the
/// storefront's sign-in pointing at the other.
/// </summary>
public sealed class LaunchProfileTests
{
    [Fact]
    public void Every_project_the_AppHost_runs_has_an_http_port_of_its_own()
    {
        var appHost = global::Projects.Commerce_AppHost.ProjectPath;
        var projects = XDocument.Load(Directory.EnumerateFiles(appHost, "*.csproj").Single())
            .Descendants("ProjectReference")
            // MSBuild writes Windows separators; this runs on Linux.
            .Select(reference => Path.GetDirectoryName(Path.GetFullPath(Path.Combine(appHost, reference.Attribute("Include")!.Value.Replace('\\', '/'))))!)
            .Where(project => File.Exists(LaunchSettings(project)))
            .ToList();

        var ports = projects.ToDictionary(project => Path.GetFileName(project)!, HttpPort);

        Assert.True(ports.Count >= 10, $"only {ports.Count} projects with launch profiles: {string.Join(", ", ports.Keys)}");
        var shared = ports.GroupBy(project => project.Value).Where(port => port.Count() > 1)
            .Select(port => $"{port.Key}: {string.Join(", ", port.Select(project => project.Key))}").ToList();
        Assert.True(shared.Count == 0, "projects sharing a port: " + string.Join("; ", shared));
    }

    private static string LaunchSettings(string project) => Path.Combine(project, "Properties", "launchSettings.json");

    // The "http" profile, the one the AppHost uses; its http:// address.
    private static int HttpPort(string project)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(LaunchSettings(project)));
        var urls = settings.RootElement.GetProperty("profiles").GetProperty("http").GetProperty("applicationUrl").GetString()!;
        return urls.Split(';').Select(url => new Uri(url)).Single(url => url.Scheme == Uri.UriSchemeHttp).Port;
    }
}
