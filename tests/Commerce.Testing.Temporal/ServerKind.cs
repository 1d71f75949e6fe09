namespace Commerce.Testing.Temporal;

/// <summary>Where a test's workflows run: tests take it as a theory parameter, so one body checks both servers.</summary>
public enum ServerKind
{
    /// <summary>The in-process <see cref="TemporalTestServer"/>.</summary>
    InProcess,

    /// <summary>A real Temporal server (<see cref="RealTemporalServer"/>): <c>TEMPORAL_ADDRESS</c>, or a dev server from the <c>temporal</c> CLI.</summary>
    Real,
}
