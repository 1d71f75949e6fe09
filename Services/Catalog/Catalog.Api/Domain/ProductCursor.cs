using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Commerce.ServiceDefaults.Input;

namespace Commerce.Catalog.Api.Domain;

/// <summary>
/// Where the next page starts: the sort key of the last product a client has seen. Browsing sorts by (name, id),
/// search by (rank desc, id); a cursor remembers which, so it cannot be replayed against the other ordering.
/// Opaque to clients: base64url of a small JSON object.
/// </summary>
public sealed record ProductCursor(
    [property: JsonPropertyName("i")] int AfterId,
    [property: JsonPropertyName("n")] string? AfterName,
    [property: JsonPropertyName("r")] float? AfterRank)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [JsonIgnore]
    public bool IsSearch => AfterRank is not null;

    public static ProductCursor AfterNamed(string name, int id) => new(id, name, null);

    public static ProductCursor AfterRanked(float rank, int id) => new(id, null, rank);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Lets minimal APIs bind <c>?cursor=</c>; a cursor that does not decode is a 400 naming the field.</summary>
    public static bool TryParse(string? value, IFormatProvider? provider, [NotNullWhen(true)] out ProductCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || !Base64Url.IsValid(value))
        {
            return false;
        }

        try
        {
            cursor = JsonSerializer.Deserialize<ProductCursor>(Base64Url.DecodeFromChars(value), Json);
        }
        catch (JsonException)
        {
            return false;
        }

        // Exactly one sort key, an id that a product can have, and a name the database could hold (a forged one may not).
        return cursor is { AfterId: > 0 } && (cursor.AfterName is null) != (cursor.AfterRank is null) && !StorableText.HasNul(cursor.AfterName);
    }
}
