using System.Diagnostics;

namespace Commerce.AppHost.Tests;

/// <summary>The built AppHost run as its own process, as <c>dotnet run --project AppHost</c> (and azd) run it.</summary>
internal static class AppHostProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Errors);

    public static async Task<Outcome> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var process = Start(arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Outcome(process.ExitCode, await output, await errors);
    }

    /// <summary>Starts <c>dotnet run</c> of the AppHost, its output redirected (read it, or it may block).</summary>
    public static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "run", "--project", global::Projects.Commerce_AppHost.ProjectPath, "--no-build", "--no-launch-profile", "--" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}
