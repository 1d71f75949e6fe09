using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.Notifications.Api.Domain;

/// <summary>
/// Where the next page starts: the sort key (occurred at, id) of the last notification a client has seen, in a
/// newest-first listing. Opaque to clients: base64url of a small JSON object.
/// </summary>
public sealed record NotificationCursor(
    [property: JsonPropertyName("t")] DateTimeOffset BeforeOccurredAt,
    [property: JsonPropertyName("i")] Guid BeforeId)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>Lets minimal APIs bind <c>?cursor=</c>; a cursor that does not decode is a 400 naming the field.</summary>
    public static bool TryParse(string? value, IFormatProvider? provider, [NotNullWhen(true)] out NotificationCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || !Base64Url.IsValid(value))
        {
            return false;
        }

        try
        {
            cursor = JsonSerializer.Deserialize<NotificationCursor>(Base64Url.DecodeFromChars(value));
        }
        catch (JsonException)
        {
            return false;
        }

        return cursor is not null && cursor.BeforeId != Guid.Empty && cursor.BeforeOccurredAt != default;
    }
}
