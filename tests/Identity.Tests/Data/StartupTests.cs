using Commerce.Testing;
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
}
