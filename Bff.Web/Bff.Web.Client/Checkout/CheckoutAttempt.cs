using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commerce.Bff.Web.Client.Browser;
using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Client.Checkout;

/// <summary>
/// One attempt to place one order: its Idempotency-Key and the card token it pays with, kept in the tab's session
/// storage until the order is placed. A retry of the same checkout (the same cart, address, total and card) is the same
/// attempt and sends the same key, so a lost response or a reload cannot place a second order; any change is a new
/// attempt. Only fingerprints are kept, never the card number or the address.
/// </summary>
public sealed record CheckoutAttempt(string IdempotencyKey, string CheckoutFingerprint, string CardFingerprint, string CardToken)
{
    private const string StorageKey = "commerce.checkout-attempt";

    public static async Task<CheckoutAttempt?> LoadAsync(BrowserStorage storage)
    {
        var stored = await storage.ReadAsync(StorageArea.Session, StorageKey);
        try
        {
            return string.IsNullOrEmpty(stored) ? null : JsonSerializer.Deserialize<CheckoutAttempt>(stored, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            // Not something this storefront wrote: start a fresh attempt.
            return null;
        }
    }

    public Task SaveAsync(BrowserStorage storage) =>
        storage.WriteAsync(StorageArea.Session, StorageKey, JsonSerializer.Serialize(this, JsonSerializerOptions.Web));

    public static Task ForgetAsync(BrowserStorage storage) => storage.RemoveAsync(StorageArea.Session, StorageKey);

    /// <summary>
    /// The card as a receipt shows it (last four digits, expiry): enough to tell the customer's cards apart, and no
    /// hash of the full number, which is too short to keep secret by hashing.
    /// </summary>
    public static string CardFingerprintOf(SaveCardRequest card) =>
        $"{card.Number[^Math.Min(4, card.Number.Length)..]}/{card.ExpiryMonth}/{card.ExpiryYear}";

    public static string CheckoutFingerprintOf(IReadOnlyList<CartItem> items, DeliveryAddress address, decimal expectedTotal, string cardFingerprint) =>
        Fingerprint(new { items, address, expectedTotal, cardFingerprint });

    private static string Fingerprint<T>(T value) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, JsonSerializerOptions.Web))));
}
