namespace Commerce.AppHost.Infrastructure;

/// <summary>
/// A reason the system cannot start here that the user can fix (a wrong setting, a missing program, a port in use). Its
/// message is one line naming the problem and the fix; the AppHost prints it and exits before anything starts.
/// </summary>
public sealed class InfrastructureProblem(string message) : Exception(message);
