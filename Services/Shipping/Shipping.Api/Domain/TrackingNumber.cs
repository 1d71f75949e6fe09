using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Commerce.Shipping.Api.Domain;

/// <summary>
/// The carrier's tracking number of a shipment: <c>CM</c> and 16 Crockford base-32 characters (80 bits) of the
/// SHA-256 of the shipment id. Derived rather than drawn at random, so support tools and tests can recompute it from
/// the id; hashed rather than the id itself, so it is short and does not reveal when the shipment was created (the id
/// is a version 7 UUID, which starts with a timestamp). 80 bits keep collisions out of reach (about one in 10^12
/// after a million shipments).
/// </summary>
public static class TrackingNumber
{
    public const string Prefix = "CM";
    public const int Length = 18;

    // Crockford's alphabet leaves out I, L, O and U: nothing a person reading it over the phone can confuse.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string For(Guid shipmentId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(shipmentId.ToByteArray(bigEndian: true), hash);

        // 80 bits = 16 characters of 5 bits each, taken from the top of the hash.
        var bits = ((UInt128)BinaryPrimitives.ReadUInt64BigEndian(hash) << 16)
                   | BinaryPrimitives.ReadUInt16BigEndian(hash[8..]);
        Span<char> number = stackalloc char[Length];
        Prefix.CopyTo(number);
        for (var i = Length - 1; i >= Prefix.Length; i--)
        {
            number[i] = Alphabet[(int)(bits & 0b11111)];
            bits >>= 5;
        }

        return new string(number);
    }
}
