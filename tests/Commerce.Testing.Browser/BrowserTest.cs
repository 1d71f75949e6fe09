using Commerce.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Commerce.Testing.Browser;

/// <summary>
/// A test that drives a page in its own browser context (own cookies and storage, so tests run in parallel and in any
/// order). It is skipped, with the reason, when the run has no Chromium; when it fails its trace and a screenshot of
/// its page are kept under .test-results/, to see what the customer would have seen.
/// </summary>
public abstract class BrowserTest(ChromiumFixture chromium) : IAsyncDisposable
{
    private IBrowserContext? _context;
    private IPage? _page;

    /// <summary>A fresh page whose relative addresses resolve against <paramref name="site"/>.</summary>
    protected async Task<IPage> OpenPageAsync(Uri site)
    {
        if (chromium.Missing is { } missing)
        {
            Assert.Skip(missing);
        }

        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.ToString(), Locale = "en-GB" });
        // Recorded always, written only on failure: starting a trace afterwards would miss the steps that led there.
        await _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        _page = await _context.NewPageAsync();
        return _page;
    }

    /// <summary>Keeps a full-page screenshot as .test-results/screenshots/{name}.png (names are shared by the whole run).</summary>
    protected static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestResults.Screenshots, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is null)
        {
            return;
        }

        // Disposal runs after the test, when xunit knows its result.
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        var name = TestContext.Current.Test?.TestDisplayName is { } display ? FileName(display) : Guid.NewGuid().ToString("N");
        if (failed && _page is not null)
        {
            await ScreenshotAsync(_page, $"{name}.failure");
        }

        await _context.Tracing.StopAsync(failed ? new TracingStopOptions { Path = Path.Combine(TestResults.Traces, $"{name}.zip") } : null);
        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static string FileName(string testName) =>
        string.Concat(testName.Select(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or '-' ? character : '_'));
}
