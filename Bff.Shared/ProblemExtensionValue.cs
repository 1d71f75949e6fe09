using System.Text.Json;

namespace Commerce.Bff.Shared;

/// <summary>
/// A ProblemDetails extension read back from a service's answer. How it arrives depends on the serializer that read
/// the body: System.Text.Json leaves a <see cref="JsonElement"/>, Refit's content serializer may give a plain string.
/// </summary>
internal static class ProblemExtensionValue
{
    public static string? AsString(object? value) => value switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        _ => null,
    };
}
