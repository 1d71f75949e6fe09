using System.Net;
using System.Net.Sockets;

namespace Commerce.Testing;

/// Free TCP ports on 127.0.0.1, so test servers never clash with each other or with a developer's own servers.
public static class LoopbackPorts
{
    /// One port the kernel reports free right now.
    public static int FindFree() => FindFree(1)[0];

    /// Distinct ports the kernel reports free right now; all are held open together so none is handed out twice.
    public static int[] FindFree(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// Whether a server log says its port was taken between <see cref="FindFree"/> and the server binding it.
    public static bool LostTheRace(string serverLog) =>
        serverLog.Contains("Address already in use", StringComparison.OrdinalIgnoreCase)
        || serverLog.Contains("eaddrinuse", StringComparison.OrdinalIgnoreCase);
}
