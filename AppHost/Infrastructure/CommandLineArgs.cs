namespace Commerce.AppHost.Infrastructure;

internal static class CommandLineArgs
{
    /// <summary>Appends strings and value providers (an endpoint's port, resolved when DCP starts the process) in order.</summary>
    public static void Append(this IList<object> args, params IEnumerable<object> values)
    {
        foreach (var value in values)
        {
            args.Add(value);
        }
    }
}
