using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.ServiceDefaults.Input;

/// <summary>
/// Reads every JSON string of a request body and refuses one with a NUL in it. The serializer adds the JSON path to
/// the exception, so the binding failure becomes a 400 naming the field (<see cref="Errors.MalformedRequestHandler"/>),
/// for every field of every endpoint, before a handler or validator sees the value.
/// </summary>
internal sealed class NulRefusingStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Refused(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Refused(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string? Refused(string? text) => StorableText.HasNul(text) ? throw new NulInTextException() : text;
}

/// <summary>A JSON string held a NUL; its <see cref="JsonException.Path"/> says where.</summary>
internal sealed class NulInTextException() : JsonException(StorableText.NulMessage);
