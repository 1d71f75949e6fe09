using System.Security.Cryptography;
using System.Text;

namespace Commerce.Testing;

/// Names of per-test databases and virtual hosts: readable prefix, random suffix, safe unquoted in SQL, URLs and logs.
internal static class TestNames
{
    public static string Unique(string prefix, char separator, int maxLength)
    {
        var suffix = separator + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var safe = Sanitise(prefix, separator);
        return safe[..Math.Min(safe.Length, maxLength - suffix.Length)] + suffix;
    }

    // Keeps [a-z0-9_] and the separator; anything else becomes '_'.
    private static string Sanitise(string prefix, char separator)
    {
        var name = new StringBuilder(prefix.Length);
        foreach (var character in prefix.ToLowerInvariant())
        {
            name.Append(character is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' || character == separator ? character : '_');
        }

        return name.Length == 0 ? "test" : name.ToString();
    }
}
