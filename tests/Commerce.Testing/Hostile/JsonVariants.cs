using System.Text.Json.Nodes;

namespace Commerce.Testing.Hostile;

/// <summary>A request body with one value changed, and the field (as a ProblemDetails names it) that was changed.</summary>
public sealed record JsonVariant(string Field, string Json, string Change);

/// <summary>
/// Hostile bodies made from a valid one by walking it and changing one value at a time, so every field of every
/// body is covered without listing fields by hand (and a field added later is covered too).
/// </summary>
public static class JsonVariants
{
    public const int OversizedLength = 100_000;

    private const string LoneSurrogateMarker = "lone-surrogate-goes-here";

    /// <summary>Each string with a NUL inside it, then with one at its end.</summary>
    public static IEnumerable<JsonVariant> NulInEachString(string json) => EachValue(json, node => AsString(node) is { } text
        ? [("NUL inside", JsonValue.Create(text.Insert(text.Length / 2, "\0"))), ("trailing NUL", JsonValue.Create(text + "\0"))]
        : []);

    /// <summary>Each string with half a surrogate pair at its end, which no UTF-8 text (so no database text) can hold.</summary>
    public static IEnumerable<JsonVariant> LoneSurrogateInEachString(string json) => EachValue(json, node => AsString(node) is { } text
            ? [("lone surrogate", JsonValue.Create(text + LoneSurrogateMarker))]
            : [])
        // Written as an escape by hand: the JSON writer would replace the lone surrogate itself with U+FFFD.
        .Select(variant => variant with { Json = variant.Json.Replace(LoneSurrogateMarker, "\\ud800", StringComparison.Ordinal) });

    /// <summary>Each string that is a GUID, as the empty GUID.</summary>
    public static IEnumerable<JsonVariant> EmptyGuidInEachGuid(string json) => EachValue(json, node => Guid.TryParse(AsString(node), out _)
        ? [("empty GUID", JsonValue.Create(Guid.Empty.ToString()))]
        : []);

    /// <summary>Each string <see cref="OversizedLength"/> characters long.</summary>
    public static IEnumerable<JsonVariant> OversizedEachString(string json) => EachValue(json, node => AsString(node) is not null
        ? [("oversized", JsonValue.Create(new string('x', OversizedLength)))]
        : []);

    /// <summary>Each property, at any depth, left out.</summary>
    public static IEnumerable<JsonVariant> WithoutEachProperty(string json)
    {
        var count = Walk(Parse(json)).Count();
        for (var index = 0; index < count; index++)
        {
            var document = Parse(json);
            var node = Walk(document).ElementAt(index);
            if (node.Parent is JsonObject parent)
            {
                var path = node.GetPath();
                parent.Remove(node.GetPropertyName());
                yield return new JsonVariant(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path, document.ToJsonString(), "missing");
            }
        }
    }

    /// <summary>
    /// Bodies of about <paramref name="bytes"/> (UTF-8, never more): each string lengthened, and each array lengthened with
    /// copies of its first element, until the whole body is that large.
    /// </summary>
    public static IEnumerable<JsonVariant> GrownToSize(string json, int bytes)
    {
        // Room for what the writer adds around a grown value (quotes, commas, escapes of the original text).
        const int Margin = 64;
        var room = bytes - System.Text.Encoding.UTF8.GetByteCount(Parse(json).ToJsonString()) - Margin;
        return EachValue(json, node => node switch
        {
            _ when room <= 0 => [],
            JsonArray { Count: > 0 } array when array[0] is { } first =>
                [($"{bytes} bytes by repeating an element", Repeated(array, first, room / (System.Text.Encoding.UTF8.GetByteCount(first.ToJsonString()) + 1)))],
            _ when AsString(node) is { } text => [($"{bytes} bytes in a string", JsonValue.Create(text + new string('x', room)))],
            _ => [],
        });
    }

    private static JsonArray Repeated(JsonArray array, JsonNode element, int extraCopies) =>
        [.. array.Select(item => item?.DeepClone()), .. Enumerable.Range(0, extraCopies).Select(_ => element.DeepClone())];

    /// <summary>Each value, objects and arrays included, as a value of another JSON type.</summary>
    public static IEnumerable<JsonVariant> WrongTypeForEachValue(string json) => EachValue(json, node => node switch
    {
        JsonObject => [("array for an object", new JsonArray(1, 2))],
        JsonArray => [("string for an array", JsonValue.Create("many"))],
        _ when AsString(node) is not null => [("object for a string", new JsonObject { ["text"] = "x" })],
        _ => [("string for a number or boolean", JsonValue.Create("not a number"))],
    });

    /// <summary>Bodies that are not the JSON of any request (as UTF-8 bytes, since some are not even text).</summary>
    public static IReadOnlyList<(string Change, byte[] Body)> Malformed { get; } =
    [
        ("empty body", []),
        ("truncated", "{\"a\":"u8.ToArray()),
        ("trailing comma", "{\"a\":1,}"u8.ToArray()),
        ("array for the body", "[]"u8.ToArray()),
        ("null for the body", "null"u8.ToArray()),
        ("string for the body", "\"body\""u8.ToArray()),
        ("not JSON", "lines=1&quantity=2"u8.ToArray()),
        ("nested 10 000 deep", System.Text.Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000))),
        // Before the first token: a byte sequence inside an unknown property's name or value could be skipped unread.
        ("invalid UTF-8", [0xC3, 0x28, (byte)'{', (byte)'}']),
    ];

    /// <summary>Whether a body says "no body": empty, or the JSON <c>null</c>.</summary>
    public static bool StandsForNoBody(byte[] body) => body.Length == 0 || body.AsSpan().SequenceEqual("null"u8);

    private static string? AsString(JsonNode node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IEnumerable<JsonVariant> EachValue(string json, Func<JsonNode, IEnumerable<(string Change, JsonNode Replacement)>> replacements)
    {
        var count = Walk(Parse(json)).Count();
        for (var index = 0; index < count; index++)
        {
            var changes = replacements(Walk(Parse(json)).ElementAt(index)).Select(change => change.Change).ToList();
            for (var change = 0; change < changes.Count; change++)
            {
                // A fresh document per variant: a node can have one parent only, and each variant changes one value.
                var document = Parse(json);
                var node = Walk(document).ElementAt(index);
                var path = node.GetPath();
                Replace(node, replacements(node).ElementAt(change).Replacement);
                yield return new JsonVariant(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path, document.ToJsonString(), changes[change]);
            }
        }
    }

    private static JsonNode Parse(string json) => JsonNode.Parse(json) ?? throw new ArgumentException("A body to vary is a JSON object.", nameof(json));

    /// <summary>Every value below the root, parents before their children, in document order.</summary>
    private static IEnumerable<JsonNode> Walk(JsonNode node)
    {
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(property => property.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            yield return child;
            foreach (var descendant in Walk(child))
            {
                yield return descendant;
            }
        }
    }

    private static void Replace(JsonNode node, JsonNode replacement)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent[node.GetPropertyName()] = replacement;
                break;
            case JsonArray parent:
                parent[node.GetElementIndex()] = replacement;
                break;
        }
    }
}
