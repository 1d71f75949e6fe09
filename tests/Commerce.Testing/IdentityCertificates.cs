using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Commerce.Testing;

/// <summary>
/// The identity provider's signing and encryption certificates, self-signed, in the form production configuration takes
/// them (base64 PFX), made once per test process: tests run the provider as it runs outside Development.
/// </summary>
public static class IdentityCertificates
{
    private static readonly Lazy<string> _signing = new(() => Create("Commerce identity test signing", X509KeyUsageFlags.DigitalSignature));
    private static readonly Lazy<string> _encryption = new(() => Create("Commerce identity test encryption", X509KeyUsageFlags.KeyEncipherment));

    public static string Signing => _signing.Value;

    public static string Encryption => _encryption.Value;

    private static string Create(string subject, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pfx));
    }
}
