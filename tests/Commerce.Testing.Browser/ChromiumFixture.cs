using Microsoft.Playwright;
using Xunit;

namespace Commerce.Testing.Browser;

/// <summary>
/// One Playwright driver and one headless Chromium for the whole test run (an assembly fixture: launching a browser
/// costs about a second, a context a few milliseconds). Tests get isolated contexts through <see cref="BrowserTest"/>.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    // Nothing may reach out of the machine (CI has no network for it) nor slow a test down with background work.
    private static readonly string[] Arguments =
        ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-gpu"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why no browser runs in this test run, or null when one does.</summary>
    public string? Missing { get; private set; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(Missing ?? "Initialize the fixture first.");

    public async ValueTask InitializeAsync()
    {
        var (executable, missing) = ChromiumExecutable.Find();
        if (executable is null)
        {
            // Each browser test skips with this reason (test.sh also says it once for the run): a run without a browser
            // shows its browser tests as skipped, never as passed.
            Missing = $"Browser tests skipped: {missing}.";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
