using Commerce.Identity.Api.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Identity.Tests.Accounts;

/// <summary>
/// Enumeration by timing: a refusal must cost the same work whatever its reason. Timings are too noisy to assert on,
/// so this counts the work that dominates them, password hash verifications (PBKDF2, milliseconds each).
/// </summary>
public sealed class PasswordHashingTests(PasswordHashingTests.CountingProvider provider) : IClassFixture<PasswordHashingTests.CountingProvider>
{
    [Fact]
    public async Task Every_refused_sign_in_verifies_one_password_hash_whether_the_email_is_unknown_the_password_wrong_or_the_account_locked()
    {
        var customer = await Customers.CreateAsync(provider);
        var locked = await Customers.CreateAsync(provider);
        await using (var scope = provider.Services.CreateAsyncScope())
        {
            var customers = scope.ServiceProvider.GetRequiredService<UserManager<Customer>>();
            await customers.SetLockoutEndDateAsync((await customers.FindByIdAsync(locked.Id.ToString()))!, DateTimeOffset.UtcNow.AddMinutes(10));
        }

        var unknown = await VerificationsOfSignInAsync($"nobody-{Guid.NewGuid():N}@example.com", "some password");
        var wrong = await VerificationsOfSignInAsync(customer.Email!, "some password");
        var lockedOut = await VerificationsOfSignInAsync(locked.Email!, Customers.Password);

        Assert.Equal(1, wrong);
        Assert.Equal(wrong, unknown);
        Assert.Equal(wrong, lockedOut);
    }

    private async Task<int> VerificationsOfSignInAsync(string email, string password)
    {
        using var browser = provider.CreateBrowser();
        var page = await browser.GetAsync("/account/sign-in");
        var before = provider.Hasher.Verifications;
        await browser.SubmitAsync(page, new Dictionary<string, string> { ["Form.Email"] = email, ["Form.Password"] = password });
        return provider.Hasher.Verifications - before;
    }

    public sealed class CountingProvider : IdentityProviderFactory
    {
        public CountingProvider()
        {
            TestServices = services => services.AddSingleton<IPasswordHasher<Customer>>(Hasher);
        }

        public CountingPasswordHasher Hasher { get; } = new();
    }

    /// <summary>Identity's own hasher, counting its verifications.</summary>
    public sealed class CountingPasswordHasher : IPasswordHasher<Customer>
    {
        private readonly PasswordHasher<Customer> _hasher = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(Customer user, string password) => _hasher.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Customer user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
