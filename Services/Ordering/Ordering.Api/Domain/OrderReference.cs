using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Commerce.Ordering.Api.Domain;

/// <summary>
/// The short name a customer knows their order by, such as <c>K7M4-Q2XD</c>: 8 Crockford base-32 characters (digits
/// and letters without I, L, O and U, so it reads aloud and types back without confusion) in two groups of four.
/// Drawn at random, 40 bits, so orders placed at the same moment do not share it as they shared the first digits of
/// their time-ordered ids; orderingdb keeps it unique, and a draw that is already taken is drawn again.
/// </summary>
public static partial class OrderReference
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Characters = 8;

    /// <summary>A fresh reference from the operating system's random number generator.</summary>
    public static string Draw()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return From(BinaryPrimitives.ReadUInt64LittleEndian(random));
    }

    /// <summary>The reference spelled by the low 40 bits of <paramref name="bits"/>, five bits a character.</summary>
    public static string From(ulong bits) => string.Create(Characters + 1, bits, static (text, bits) =>
    {
        var position = text.Length;
        for (var index = 0; index < Characters; index++)
        {
            if (index == Characters / 2)
            {
                text[--position] = '-';
            }

            text[--position] = Alphabet[(int)(bits & 0x1F)];
            bits >>= 5;
        }
    });

    /// <summary>Whether <paramref name="reference"/> is written as this service writes references.</summary>
    public static bool IsWellFormed(string? reference) => reference is not null && Format().IsMatch(reference);

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex Format();
}

/// <summary>Where new orders' references come from: random draws (<see cref="OrderReference.Draw"/>); a test can script a collision.</summary>
public interface IOrderReferenceSource
{
    string Next();
}

public sealed class RandomOrderReferences : IOrderReferenceSource
{
    public string Next() => OrderReference.Draw();
}
