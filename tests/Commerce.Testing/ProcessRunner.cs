using System.Diagnostics;
using System.Text;

namespace Commerce.Testing;

/// Runs the command-line tools that create, start and stop the servers.
internal static class ProcessRunner
{
    /// Runs a command to its end and returns what it printed; throws with that output when it fails or overruns.
    public static async Task<string> RunAsync(Command command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var (exitCode, output) = await RunForExitCodeAsync(command, timeout, cancellationToken);
        return exitCode == 0 ? output : throw new InvalidOperationException($"`{command}` exited with code {exitCode}:\n{output}");
    }

    /// Runs a command whose exit code is an answer (such as `pg_ctl status`) rather than success or failure.
    public static async Task<(int ExitCode, string Output)> RunForExitCodeAsync(Command command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var process = new Process { StartInfo = StartInfo(command) };
        process.StartInfo.RedirectStandardOutput = true;
        process.StartInfo.RedirectStandardError = true;
        StartOrExplain(process, command);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await Task.WhenAll(process.WaitForExitAsync(deadline.Token), stdout, stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {timeout.TotalSeconds:0} s.");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, Combine(await stdout, await stderr));
    }

    /// Starts a long-running server whose output goes to <paramref name="logFile"/>; the caller owns the process.
    public static Process StartInBackground(Command command, string logFile)
    {
        var logged = command.LoggingTo(logFile);
        var process = new Process { StartInfo = StartInfo(logged) };
        StartOrExplain(process, logged);
        return process;
    }

    private static ProcessStartInfo StartInfo(Command command)
    {
        var info = new ProcessStartInfo(command.FileName) { UseShellExecute = false };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            info.Environment[name] = value;
        }

        if (command.WorkingDirectory is not null)
        {
            info.WorkingDirectory = command.WorkingDirectory;
        }

        return info;
    }

    private static void StartOrExplain(Process process, Command command)
    {
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"Could not start `{command}`: {exception.Message}", exception);
        }
    }

    private static string Combine(string stdout, string stderr) =>
        new StringBuilder(stdout).Append(stdout.Length > 0 && stderr.Length > 0 ? "\n" : "").Append(stderr).ToString().TrimEnd();
}
