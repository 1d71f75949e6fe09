using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Commerce.Bff.Mobile.Tests;

/// <summary>
/// The browser a customer signs in with: one cookie jar across the sites of the test network (Identity, and the web BFF
/// when its session is wanted), each redirect followed by hand, Identity's forms posted as rendered (antiforgery field
/// included).
/// </summary>
public sealed class SignInBrowser(IReadOnlyDictionary<string, HttpMessageHandler> sites) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = new(new CookieContainerHandler(new CookieContainer()) { InnerHandler = new Sites(sites) });

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(Uri url) => Http.GetAsync(url, Cancellation);

    public Task<HttpResponseMessage> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect from {redirect.RequestMessage?.RequestUri}, got {(int)redirect.StatusCode}");
        return GetAsync(new Uri(redirect.RequestMessage!.RequestUri!, redirect.Headers.Location!));
    }

    /// <summary>Fills in the page's post form (fields by name) and submits it to its action, or to the page itself.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpResponseMessage page, IReadOnlyDictionary<string, string> fields)
    {
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"Expected a page at {page.RequestMessage?.RequestUri}, got {(int)page.StatusCode}");
        var document = await Parser.ParseDocumentAsync(await page.Content.ReadAsStringAsync(Cancellation), Cancellation);
        var form = document.QuerySelector<IHtmlFormElement>("form[method=post]") ?? throw new InvalidOperationException($"No post form on {page.RequestMessage?.RequestUri}");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[name]").Where(input => input.Type != "submit").ToDictionary(input => input.Name!, input => input.Value);
        foreach (var (name, value) in fields)
        {
            Assert.True(values.ContainsKey(name), $"The form has no field {name}.");
            values[name] = value;
        }

        var pageUri = page.RequestMessage!.RequestUri!;
        var action = form.GetAttribute("action") is { Length: > 0 } target ? new Uri(pageUri, target) : pageUri;
        return await Http.PostAsync(action, new FormUrlEncodedContent(values), Cancellation);
    }

    public void Dispose() => Http.Dispose();

    private sealed class Sites(IReadOnlyDictionary<string, HttpMessageHandler> sites) : HttpMessageHandler
    {
        private readonly Dictionary<string, HttpMessageInvoker> _sites = sites.ToDictionary(site => site.Key, site => new HttpMessageInvoker(site.Value), StringComparer.OrdinalIgnoreCase);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _sites.TryGetValue(request.RequestUri!.Host, out var site)
                ? site.SendAsync(request, cancellationToken)
                : throw new HttpRequestException(HttpRequestError.NameResolutionError, $"No site at {request.RequestUri.Host}");
    }
}
