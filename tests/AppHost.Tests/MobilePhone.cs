using Commerce.Testing;
using Commerce.Testing.Browser;
using Microsoft.Playwright;

namespace Commerce.AppHost.Tests;

/// <summary>
/// A phone in Debian's Chromium: a 390 × 844 CSS-pixel portrait screen at device scale 3, touch and a mobile user agent,
/// in its own context (so its own storage, service worker and caches). Its trace and a screenshot are kept when the test
/// fails, as for every browser test.
/// </summary>
public sealed class MobilePhone(ChromiumFixture chromium) : IAsyncDisposable
{
    private IBrowserContext? _context;
    private IPage? _page;

    public IBrowserContext Context => _context ?? throw new InvalidOperationException("Open the phone first.");

    public async Task<IPage> OpenAsync(Uri site)
    {
        if (chromium.Missing is { } missing)
        {
            Assert.Skip(missing);
        }

        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.ToString(),
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 3,
            HasTouch = true,
            IsMobile = true,
            UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        await _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        _page = await _context.NewPageAsync();
        return _page;
    }

    /// <summary>
    /// Keeps what the phone's screen shows, as .test-results/screenshots/{name}.png: the screen, not the whole page, so
    /// the app's fixed bars sit where the customer sees them (a full-page capture draws them mid-page).
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestResults.Screenshots, $"{name}.png") });

    public async ValueTask DisposeAsync()
    {
        if (_context is null)
        {
            return;
        }

        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        var name = string.Concat((TestContext.Current.Test?.TestDisplayName ?? Guid.NewGuid().ToString("N"))
            .Select(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '_' or '-' ? character : '_'));
        if (failed && _page is not null)
        {
            await ScreenshotAsync(_page, $"{name}.failure");
        }

        await _context.Tracing.StopAsync(failed ? new TracingStopOptions { Path = Path.Combine(TestResults.Traces, $"{name}.zip") } : null);
        await _context.DisposeAsync();
    }
}
