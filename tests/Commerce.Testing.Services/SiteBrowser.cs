using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Xunit;

namespace Commerce.Testing.Services;

/// <summary>
/// What a browser does across the sites of the test network (a BFF, Identity): one cookie jar for all of them,
/// redirects followed one at a time (so a test sees every hop), the provider's forms posted as rendered (their
/// antiforgery field included).
/// </summary>
public sealed class SiteBrowser : IDisposable
{
    private static readonly HtmlParser Parser = new();

    /// <param name="sites">Each host name to the in-process server behind it.</param>
    /// <param name="home">Where relative addresses go: the BFF whose session the browser holds, if any.</param>
    public SiteBrowser(IReadOnlyDictionary<string, HttpMessageHandler> sites, Uri? home = null)
    {
        Http = new HttpClient(new CookieContainerHandler(Cookies) { InnerHandler = new Sites(sites) }) { BaseAddress = home };
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Requests with the browser's cookies; relative addresses are home's.</summary>
    public HttpClient Http { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url, Cancellation);

    public Task<HttpResponseMessage> GetAsync(Uri url) => Http.GetAsync(url, Cancellation);

    /// <summary>Follows one redirect, wherever it goes (relative locations are resolved as a browser does).</summary>
    public Task<HttpResponseMessage> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Expected a redirect from {redirect.RequestMessage?.RequestUri}, got {(int)redirect.StatusCode}");
        return Http.GetAsync(new Uri(redirect.RequestMessage!.RequestUri!, redirect.Headers.Location!), Cancellation);
    }

    /// <summary>Fills in the page's post form (fields by name) and submits it to its action, or to the page itself.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpResponseMessage page, IReadOnlyDictionary<string, string>? fields = null)
    {
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"Expected a page at {page.RequestMessage?.RequestUri}, got {(int)page.StatusCode}");
        var document = await Parser.ParseDocumentAsync(await page.Content.ReadAsStringAsync(Cancellation), Cancellation);
        var form = document.QuerySelector<IHtmlFormElement>("form[method=post]")
            ?? throw new InvalidOperationException($"No post form on {page.RequestMessage?.RequestUri}");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[name]")
            .Where(input => input.Type != "submit")
            .ToDictionary(input => input.Name!, input => input.Value);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            Assert.True(values.ContainsKey(name), $"The form has no field {name}.");
            values[name] = value;
        }

        var pageUri = page.RequestMessage!.RequestUri!;
        Uri action = form.GetAttribute("action") is { Length: > 0 } target ? new Uri(pageUri, target) : pageUri;
        return await Http.PostAsync(action, new FormUrlEncodedContent(values), Cancellation);
    }

    /// <summary>The cookies the browser would send to <paramref name="site"/>.</summary>
    public IEnumerable<Cookie> CookiesFor(Uri site) => Cookies.GetCookies(site);

    public void Dispose() => Http.Dispose();

    /// <summary>Each host name of the test network to the in-process server behind it.</summary>
    private sealed class Sites(IReadOnlyDictionary<string, HttpMessageHandler> sites) : HttpMessageHandler
    {
        private readonly Dictionary<string, HttpMessageInvoker> _sites =
            sites.ToDictionary(site => site.Key, site => new HttpMessageInvoker(site.Value), StringComparer.OrdinalIgnoreCase);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _sites.TryGetValue(request.RequestUri!.Host, out var site)
                ? site.SendAsync(request, cancellationToken)
                : throw new HttpRequestException(HttpRequestError.NameResolutionError, $"No site at {request.RequestUri.Host}");
    }
}
