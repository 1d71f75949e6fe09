using System.Text.Json;
using Commerce.Bff.Mobile.Client;

namespace Commerce.Bff.Mobile.App.Bff;

/// <summary>
/// One attempt at a checkout and its Idempotency-Key. Sending the same checkout again (no answer came, or a 5xx) is the
/// same attempt with the same key, so the BFF places at most one order for it; any change (a new price accepted, an
/// address corrected) is a new attempt with a new key.
/// </summary>
public sealed record CheckoutAttempt(string Request, string IdempotencyKey)
{
    public static CheckoutAttempt For(CheckoutRequest request, CheckoutAttempt? previous)
    {
        var sent = JsonSerializer.Serialize(request, JsonSerializerOptions.Web);
        return previous is not null && previous.Request == sent ? previous : new CheckoutAttempt(sent, Guid.NewGuid().ToString());
    }
}
