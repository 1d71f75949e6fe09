using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Commerce.ServiceDefaults.Input;

namespace Commerce.Ordering.Api.Domain;

/// <summary>
/// Where a page of a customer's orders (newest first) ends: the last order's placement time and id, which together
/// order the orders totally. Opaque to clients (base64url).
/// </summary>
public sealed record OrderCursor(DateTimeOffset PlacedAt, Guid OrderId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{PlacedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{OrderId:N}"));

    public static bool TryDecode(string? text, out OrderCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || !Base64Url.IsValid(text))
        {
            return false;
        }

        // .NET's number parsing skips trailing NULs, so a forged "ticks\0:id" would otherwise pass as a cursor.
        var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        if (!StorableText.HasNul(decoded) &&
            decoded.Split(':') is [var ticks, var id] &&
            long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks) &&
            utcTicks is >= 0 and <= 3155378975999999999 &&
            Guid.TryParseExact(id, "N", out var orderId))
        {
            cursor = new OrderCursor(new DateTimeOffset(utcTicks, TimeSpan.Zero), orderId);
            return true;
        }

        return false;
    }
}
