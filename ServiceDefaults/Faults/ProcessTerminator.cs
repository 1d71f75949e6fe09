using System.Diagnostics;

namespace Commerce.ServiceDefaults.Faults;

/// <summary>Ends this process at once, as a crash would. The seam tests replace: they cannot lose their own process.</summary>
internal interface IProcessTerminator
{
    void Terminate(string ruleName);
}

internal sealed class ProcessTerminator : IProcessTerminator
{
    public void Terminate(string ruleName)
    {
        // The console logger writes from a queue on a thread of its own, which dies with the process, often before it
        // has written the Critical line; this one is on stderr before the kill, so the console log says why it ended.
        Console.Error.WriteLine($"Fault switch {ruleName}: killing this process after a commit, before it answers.");
        // Kill is SIGKILL: no shutdown, no flush, no finally blocks, exactly what a crash after a commit leaves behind.
        using var self = Process.GetCurrentProcess();
        self.Kill();
    }
}
