using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;

namespace Commerce.AppHost.Infrastructure;

/// <summary>
/// Where local mode keeps the servers' data, so orders, queued messages and passwords survive an AppHost restart: the
/// user's XDG state directory (<c>~/.local/state/commerce</c>), or <c>/var/lib/commerce</c> for root, whose home the
/// <c>postgres</c> user cannot enter. <c>Commerce:StateDirectory</c> puts it elsewhere (the AppHost tests use a
/// throwaway one).
/// </summary>
[UnsupportedOSPlatform("windows")]
public static class StateDirectory
{
    public const string SettingKey = "Commerce:StateDirectory";

    public static string Resolve(IConfiguration configuration)
    {
        if (configuration[SettingKey] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        if (CurrentUser.IsRoot)
        {
            return "/var/lib/commerce";
        }

        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(stateHome, "commerce");
    }

    /// <summary>A password generated on first use and kept beside the data it protects (readable by its owner only).</summary>
    public static string Password(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            // Letters and digits only: it goes into an amqp:// URI and a connection string unescaped.
            var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            File.WriteAllText(path, password);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return File.ReadAllText(path).Trim();
    }
}
