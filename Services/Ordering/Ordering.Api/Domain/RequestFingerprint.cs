using System.Security.Cryptography;
using System.Text.Json;
using Commerce.Ordering.Contracts;

namespace Commerce.Ordering.Api.Domain;

/// <summary>
/// What makes two place-order requests "the same body" for an Idempotency-Key: the request as bound, serialized
/// canonically — so spacing, property order and fields the API ignores (a client-sent price) do not count.
/// </summary>
public static class RequestFingerprint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of(PlaceOrderRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, Json)));
}
