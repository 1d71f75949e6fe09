using System.Net.Http.Json;
using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Tests;

/// <summary>
/// A fresh customer signed in to the BFF through the real code + PKCE flow (<see cref="BffFactory.SignInAsync"/>):
/// <see cref="Http"/> carries their session cookie to the BFF, <see cref="AntiforgeryToken"/> is the request token
/// <c>/api/session</c> issued to that session.
/// </summary>
public sealed class SignedInCustomer(SiteBrowser browser, RegisteredCustomer account, string antiforgeryToken) : IDisposable
{
    public SiteBrowser Browser => browser;

    /// <summary>The session: cookies kept, base address the BFF, redirects not followed.</summary>
    public HttpClient Http => browser.Http;

    /// <summary>The id Identity gave the customer: the <c>sub</c> of their tokens.</summary>
    public string CustomerId => account.Id;

    public string Email => account.Email;

    public string Name => account.Name;

    public string AntiforgeryToken => antiforgeryToken;

    /// <summary>A state-changing request as the storefront makes it: the antiforgery token in its header.</summary>
    public HttpRequestMessage Post(string path, object? body = null, string? antiforgeryToken = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(StorefrontHeaders.AntiforgeryToken, antiforgeryToken ?? AntiforgeryToken);
        return request;
    }

    /// <summary>The same request with no antiforgery token at all, as another site's form would send it.</summary>
    public static HttpRequestMessage PostWithoutToken(string path, object? body = null) =>
        new(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        Http.SendAsync(request, TestContext.Current.CancellationToken);

    public async Task<T> GetAsync<T>(string path) =>
        (await Http.GetFromJsonAsync<T>(path, TestContext.Current.CancellationToken))!;

    public void Dispose() => browser.Dispose();
}
