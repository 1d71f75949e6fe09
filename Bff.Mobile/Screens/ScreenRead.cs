namespace Commerce.Bff.Mobile.Screens;

/// <summary>What asking for a screen came to.</summary>
public abstract record ScreenRead<TScreen>
{
    public sealed record Shown(TScreen Screen) : ScreenRead<TScreen>;

    /// <summary>The service refused the query as the app sent it: its field errors, under the names the app used.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors, string Title) : ScreenRead<TScreen>;

    /// <summary>No such thing (or none of this customer's).</summary>
    public sealed record Missing : ScreenRead<TScreen>;

    /// <summary>The service the screen cannot be without did not answer.</summary>
    public sealed record Unavailable(string Service) : ScreenRead<TScreen>;
}
