namespace Commerce.Testing;

/// <summary>
/// Where a run's reports, screenshots and traces go: the repository's .test-results/, which test.sh empties before a
/// run and CI keeps afterwards, next to the TRX reports.
/// </summary>
public static class TestResults
{
    /// <summary>.test-results/ itself, for the reports a suite writes (the fault matrix, payload sizes).</summary>
    public static string Reports => Folder("");

    public static string Screenshots => Folder("screenshots");

    public static string Traces => Folder("traces");

    private static string Folder(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), ".test-results", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    // Tests run from bin/<configuration>/<framework>/ deep inside the repository; its root is where test.sh is.
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "test.sh")) && File.Exists(Path.Combine(directory.FullName, "Commerce.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"{AppContext.BaseDirectory} is not inside the Commerce repository.");
    }
}
