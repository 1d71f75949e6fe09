using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.ServiceDefaults.Input;

/// <summary>
/// Reads every JSON string of a request body and refuses one that cannot be stored as sent (<see cref="StorableText"/>:
/// a NUL, half a surrogate pair). The serializer adds the JSON path to
/// the exception, so the binding failure becomes a 400 naming the field (<see cref="Errors.MalformedRequestHandler"/>),
/// for every field of every endpoint, before a handler or validator sees the value.
/// </summary>
internal sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Refused(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Refused(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string? Refused(string? text) => StorableText.ProblemWith(text) is { } problem ? throw new UnstorableTextException(problem) : text;
}

/// <summary>A JSON string that cannot be stored as sent; its <see cref="JsonException.Path"/> says where.</summary>
internal sealed class UnstorableTextException(string reason) : JsonException(reason)
{
    public string Reason { get; } = reason;
}
