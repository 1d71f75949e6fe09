namespace Commerce.Bff.Mobile;

public static class Extensions
{
    /// <summary>The mobile BFF: bearer tokens for <c>bff-mobile</c>, the phone's screens over the services' Refit clients.</summary>
    public static IHostApplicationBuilder AddMobileBff(this IHostApplicationBuilder builder)
    {
        return builder;
    }
}
