using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;

namespace Commerce.Bff.Mobile.App.Bff;

/// <summary>
/// Adds the customer's access token to the calls that are the customer's (cart, checkout, orders). The catalog's reads
/// go without one: they are the same for everyone, so they work signed out and offline, and the service worker may
/// keep them. A call that needs a token and finds none goes out anyway; the BFF's 401 then asks the customer to sign in.
/// </summary>
public sealed class CustomerTokenHandler(IAccessTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsCatalogRead(request))
        {
            var result = await tokens.RequestAccessToken();
            if (result.TryGetToken(out var token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static bool IsCatalogRead(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get
        && request.RequestUri?.AbsolutePath is { } path
        && (path == "/api/home" || path.StartsWith("/api/products", StringComparison.Ordinal));
}
