using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Commerce.Identity.Tests;

/// <summary>
/// What a browser does with the provider's pages: a real HttpClient over the test server, a cookie container, and
/// forms filled in and posted as rendered (hidden fields, the antiforgery token among them, included).
/// </summary>
public sealed class Browser : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public Browser(HttpMessageHandler server, Uri baseAddress)
    {
        Http = new HttpClient(new CookieContainerHandler(Cookies) { InnerHandler = server }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url, Cancellation);

    public static async Task<IHtmlDocument> ReadPageAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync(Cancellation), Cancellation);

    /// <summary>Fills in the page's post form (fields by name) and submits it to its action, or to the page itself.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpResponseMessage page, IReadOnlyDictionary<string, string> fields)
    {
        var document = await ReadPageAsync(page);
        var form = document.QuerySelector<IHtmlFormElement>("form[method=post]")
            ?? throw new InvalidOperationException($"No post form on {page.RequestMessage?.RequestUri}");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[name]")
            .Where(input => input.Type != "submit")
            .ToDictionary(input => input.Name!, input => input.Value);
        foreach (var (name, value) in fields)
        {
            Assert.True(values.ContainsKey(name), $"The form has no field {name}.");
            values[name] = value;
        }

        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : page.RequestMessage!.RequestUri!.PathAndQuery;
        return await Http.PostAsync(action, new FormUrlEncodedContent(values), Cancellation);
    }

    /// <summary>Follows one redirect that must stay on the provider.</summary>
    public Task<HttpResponseMessage> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)redirect.StatusCode}");
        var location = redirect.Headers.Location!;
        if (location.IsAbsoluteUri)
        {
            Assert.Equal(Http.BaseAddress!.Authority, location.Authority);
            return GetAsync(location.PathAndQuery);
        }

        return GetAsync(location.OriginalString);
    }

    public void Dispose() => Http.Dispose();
}
