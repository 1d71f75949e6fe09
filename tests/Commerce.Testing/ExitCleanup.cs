using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Commerce.Testing;

/// Makes sure a private server dies with the test process that started it, so no run leaves servers behind.
internal static class ExitCleanup
{
    private static readonly ConcurrentDictionary<Registration, byte> _pending = new();

    static ExitCleanup() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();

    /// <paramref name="inProcess"/> runs when this process exits normally. <paramref name="shellScriptWhenKilled"/> is run by
    /// a watchdog shell once this process is gone without having run it: a test host killed for hanging runs no exit handlers.
    public static IDisposable Register(Action inProcess, string shellScriptWhenKilled)
    {
        var watchdog = ProcessRunner.StartInBackground(
            new Command(
                "/bin/sh",
                ["-c", "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; eval \"$2\"", "sh",
                    Environment.ProcessId.ToString(CultureInfo.InvariantCulture), shellScriptWhenKilled])
            {
                WorkingDirectory = Path.GetTempPath(), // one the server's user may enter, unlike a root-owned work tree
            },
            "/dev/null");
        var registration = new Registration(inProcess, watchdog);
        _pending[registration] = 0;
        return registration;
    }

    private static void RunAll()
    {
        foreach (var registration in _pending.Keys)
        {
            try
            {
                registration.RunNow();
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or TimeoutException or UnauthorizedAccessException)
            {
                // Nobody is left to catch this at exit; say so on stderr, and the watchdog still tries once this process is gone.
                Console.Error.WriteLine($"Commerce.Testing: cleanup at exit failed: {exception.Message}");
            }
        }
    }

    private sealed class Registration(Action inProcess, Process watchdog) : IDisposable
    {
        /// The watchdog stays until the cleanup succeeded, so a failed one is tried again from outside.
        public void RunNow()
        {
            inProcess();
            Dispose();
        }

        /// The owner cleaned up itself: the exit handler and the watchdog have nothing left to do.
        public void Dispose()
        {
            if (_pending.TryRemove(this, out _))
            {
                watchdog.Kill();
                watchdog.Dispose();
            }
        }
    }
}
