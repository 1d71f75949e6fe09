using System.Security.Cryptography;
using Commerce.Identity.Api.Domain;
using Microsoft.AspNetCore.Identity;

namespace Commerce.Identity.Api.Accounts;

/// <summary>
/// Checks an e-mail and password, counting failures towards the lockout. Whatever the reason for a refusal (no such
/// account, a wrong password, a locked account) the caller learns only that it was refused, and every refusal costs one
/// password hash verification: without the decoy hash an unknown e-mail or a locked account would answer measurably
/// faster than a wrong password (PBKDF2 takes milliseconds), and that difference would say which e-mails have accounts.
/// </summary>
public sealed class CustomerCredentials(
    UserManager<Customer> customers,
    SignInManager<Customer> signIn,
    IPasswordHasher<Customer> hasher,
    DecoyPassword decoy)
{
    /// <summary>The customer whose password this is and who may sign in now, or null.</summary>
    public async Task<Customer?> CheckAsync(string email, string password)
    {
        var customer = await customers.FindByEmailAsync(email);
        if (customer is null || await customers.IsLockedOutAsync(customer))
        {
            decoy.Verify(hasher, password);
            return null;
        }

        var result = await signIn.CheckPasswordSignInAsync(customer, password, lockoutOnFailure: true);
        return result.Succeeded ? customer : null;
    }
}

/// <summary>A hash of a random password, made once per process, to verify against when there is no real one.</summary>
public sealed class DecoyPassword
{
    private static readonly Customer Nobody = new();

    private string? _hash;

    public void Verify(IPasswordHasher<Customer> hasher, string password)
    {
        var hash = LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(Nobody, RandomNumberGenerator.GetHexString(32)));
        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
