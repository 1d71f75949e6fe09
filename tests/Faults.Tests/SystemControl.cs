using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Faults.Tests;

/// <summary>
/// Stops, starts and kills the running system's resources as an operator would from the dashboard (Aspire's own
/// resource commands, carried out by DCP), or as the kernel's OOM killer would (SIGKILL, no shutdown at all).
/// </summary>
public sealed class SystemControl(FaultMatrixSystem system)
{
    /// <summary>A server's clean stop or a process's start, on a loaded two-core machine.</summary>
    private static readonly TimeSpan StateChangeTimeout = TimeSpan.FromMinutes(3);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async Task StopAsync(string resource)
    {
        await ExecuteAsync(resource, KnownResourceCommands.StopCommand);
        await WaitForAsync(resource, snapshot => KnownResourceStates.TerminalStates.Contains(snapshot.State?.Text));
    }

    /// <summary>Starts a stopped (or killed) resource and waits until its health checks pass.</summary>
    public async Task StartAsync(string resource)
    {
        await ExecuteAsync(resource, KnownResourceCommands.StartCommand);
        await WaitUntilHealthyAsync(resource);
    }

    public async Task RestartAsync(string resource)
    {
        await ExecuteAsync(resource, KnownResourceCommands.RestartCommand);
        await WaitUntilHealthyAsync(resource);
    }

    /// <summary>
    /// SIGKILL to the resource's process and everything it started (DCP runs a project through <c>dotnet run</c>, whose
    /// child is the service): no shutdown hook, no drained request, no acknowledged message, as a crash.
    /// </summary>
    public async Task KillAsync(string resource)
    {
        var running = await WaitForAsync(resource, snapshot => snapshot.State?.Text == KnownResourceStates.Running && Pid(snapshot) is not null);
        using (var process = Process.GetProcessById(Pid(running)!.Value))
        {
            process.Kill(entireProcessTree: true);
        }

        await WaitForAsync(resource, snapshot => KnownResourceStates.TerminalStates.Contains(snapshot.State?.Text));
    }

    public async Task WaitUntilHealthyAsync(string resource)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(StateChangeTimeout);
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    private async Task ExecuteAsync(string resource, string command)
    {
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resource, command, Cancellation);
        Assert.True(result.Success, $"{command} {resource}: {result.Message}");
    }

    private async Task<CustomResourceSnapshot> WaitForAsync(string resource, Func<CustomResourceSnapshot, bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(StateChangeTimeout);
        var reached = await system.App.ResourceNotifications.WaitForResourceAsync(resource, change => condition(change.Snapshot), timeout.Token);
        return reached.Snapshot;
    }

    // DCP reports the process id of every executable (projects included) among the resource's properties.
    private static int? Pid(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } value
            && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), out var pid)
            ? pid
            : null;
}
