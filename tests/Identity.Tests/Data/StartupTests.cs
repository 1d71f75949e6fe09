using Commerce.Identity.Api.Data;
using Commerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.Identity.Tests.Data;

public sealed class StartupTests
{
    [Fact]
    public async Task Starting_on_a_fresh_database_migrates_it_and_logs_no_error()
    {
        var logs = new LogRecords();
        await using var factory = new IdentityProviderFactory { TestServices = services => services.AddSingleton<ILoggerProvider>(logs) };
        await factory.InitializeAsync();

        var discovery = await factory.CreateClient().GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative), TestContext.Current.CancellationToken);

        discovery.EnsureSuccessStatusCode();
        Assert.Empty(logs.Records.Where(record => record.Level >= LogLevel.Error).Select(record => $"{record.Category}: {record.Message}"));
    }

    [Fact]
    public async Task The_session_keys_kept_in_the_database_are_encrypted_with_the_configured_certificate()
    {
        await using var factory = new IdentityProviderFactory();
        await factory.InitializeAsync();
        // The sign-in page's antiforgery token needs the key ring, so a key is made and stored.
        var page = await factory.CreateClient().GetAsync(new Uri("/account/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);
        page.EnsureSuccessStatusCode();

        await using var scope = factory.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<IdentityDb>().DataProtectionKeys
            .Select(key => key.Xml!).ToListAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }
}
