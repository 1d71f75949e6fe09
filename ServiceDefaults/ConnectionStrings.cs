using Microsoft.Extensions.Configuration;

namespace Commerce.ServiceDefaults;

/// <summary>Reads <c>ConnectionStrings:{name}</c>, the key Aspire's <c>WithReference</c> injects as <c>ConnectionStrings__{name}</c>.</summary>
internal static class ConnectionStrings
{
    public static string Require(IConfiguration configuration, string name, string whatItIs) =>
        configuration.GetConnectionString(name) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw Invalid(name, whatItIs);

    public static InvalidOperationException Invalid(string name, string whatItIs) => new(
        $"ConnectionStrings:{name} must be {whatItIs}. Run through the AppHost, or set ConnectionStrings__{name}.");
}
