using System.Globalization;

namespace Commerce.Testing;

/// Finds the PostgreSQL server programs (initdb, pg_ctl) of this machine.
internal static class PostgresBinaries
{
    private static readonly TimeSpan _pgConfigTimeout = TimeSpan.FromSeconds(10);

    /// The directory holding initdb and pg_ctl: `pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin
    /// (Debian keeps server programs off PATH), else wherever PATH has initdb.
    public static async Task<string> LocateAsync(CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        if (ExecutablePath.FindOnPath("pg_config") is { } pgConfig)
        {
            candidates.Add((await ProcessRunner.RunAsync(new Command(pgConfig, ["--bindir"]), _pgConfigTimeout, cancellationToken)).Trim());
        }

        candidates.AddRange(DebianServerDirectories());
        if (ExecutablePath.FindOnPath("initdb") is { } initdb)
        {
            candidates.Add(Path.GetDirectoryName(initdb)!);
        }

        return candidates.FirstOrDefault(HasServerPrograms)
            ?? throw new InvalidOperationException(
                "PostgreSQL server programs (initdb, pg_ctl) were not found: looked at `pg_config --bindir`, /usr/lib/postgresql/*/bin and PATH. "
                + "Install them (Debian/Ubuntu: `apt-get install postgresql`), or set COMMERCE_TEST_POSTGRES to a superuser connection "
                + "string of a running server for the shared one.");
    }

    private static IEnumerable<string> DebianServerDirectories()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .Select(directory => (directory, version: double.TryParse(Path.GetFileName(directory), NumberStyles.Float, CultureInfo.InvariantCulture, out var version) ? version : -1))
            .OrderByDescending(candidate => candidate.version)
            .Select(candidate => Path.Combine(candidate.directory, "bin"));
    }

    private static bool HasServerPrograms(string directory) =>
        ExecutablePath.IsExecutable(Path.Combine(directory, "initdb")) && ExecutablePath.IsExecutable(Path.Combine(directory, "pg_ctl"));
}
