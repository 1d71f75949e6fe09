namespace Commerce.AppHost.Infrastructure;

internal static class CurrentUser
{
    /// <summary>
    /// Root may install packages, but PostgreSQL refuses to run as root: it then runs as Debian's <c>postgres</c> user,
    /// and its data lives where that user can reach it.
    /// </summary>
    public static bool IsRoot => Environment.UserName == "root";
}
