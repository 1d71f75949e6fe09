using System.Text.Json;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;

namespace Commerce.Testing.Temporal.Visibility;

/// <summary>Search attributes every namespace has, and reading keyword values out of their payloads.</summary>
internal static class SearchAttributeSchema
{
    /// <summary>Attributes the server keeps itself; a workflow may not set them.</summary>
    public static IReadOnlyDictionary<string, IndexedValueType> System { get; } = new Dictionary<string, IndexedValueType>
    {
        ["WorkflowId"] = IndexedValueType.Keyword,
        ["RunId"] = IndexedValueType.Keyword,
        ["WorkflowType"] = IndexedValueType.Keyword,
        ["ExecutionStatus"] = IndexedValueType.Keyword,
        ["StartTime"] = IndexedValueType.Datetime,
        ["CloseTime"] = IndexedValueType.Datetime,
        ["ExecutionTime"] = IndexedValueType.Datetime,
        ["TaskQueue"] = IndexedValueType.Keyword,
        ["HistoryLength"] = IndexedValueType.Int,
    };

    /// <summary>Attributes the server defines but SDKs may set (patch versions, build ids).</summary>
    public static IReadOnlyDictionary<string, IndexedValueType> Predefined { get; } = new Dictionary<string, IndexedValueType>
    {
        ["TemporalChangeVersion"] = IndexedValueType.KeywordList,
        ["BinaryChecksums"] = IndexedValueType.KeywordList,
        ["BuildIds"] = IndexedValueType.KeywordList,
    };

    /// <summary>The first attribute in <paramref name="attributes"/> a workflow may not set in this namespace, if any.</summary>
    public static string? FirstUndefined(SearchAttributes? attributes, IReadOnlyDictionary<string, IndexedValueType> custom) =>
        attributes?.IndexedFields.Keys.FirstOrDefault(name => !custom.ContainsKey(name) && !Predefined.ContainsKey(name));

    public static string NotDefinedMessage(string name, string @namespace) =>
        $"Search attribute {name} is not defined in namespace {@namespace}; register it with OperatorService.AddSearchAttributes "
        + "or the server's --search-attribute option.";

    /// <summary>
    /// The values of a keyword or keyword-list attribute: a JSON string or array of strings. Anything else (another
    /// type, another encoding) has no keyword values, so one odd payload cannot break every query of the namespace.
    /// </summary>
    public static IReadOnlyList<string> KeywordValues(Payload payload)
    {
        if (payload.Data.IsEmpty)
        {
            return [];
        }
        try
        {
            using var json = JsonDocument.Parse(payload.Data.Memory);
            return json.RootElement.ValueKind switch
            {
                JsonValueKind.String => [json.RootElement.GetString()!],
                JsonValueKind.Array => json.RootElement.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
                _ => [],
            };
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>A keyword as a search attribute's value is held: a JSON string, as the SDKs encode it.</summary>
    public static Payload KeywordPayload(string value) => new()
    {
        Metadata = { ["encoding"] = Google.Protobuf.ByteString.CopyFromUtf8("json/plain") },
        Data = Google.Protobuf.ByteString.CopyFromUtf8(JsonSerializer.Serialize(value)),
    };
}
