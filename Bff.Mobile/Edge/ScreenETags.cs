using System.Buffers.Text;
using System.Security.Cryptography;
using Commerce.Bff.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Commerce.Bff.Mobile.Edge;

/// <summary>
/// Every GET the app makes (screens and images) answers with a strong ETag of its body; sent back in
/// <c>If-None-Match</c>, an unchanged answer is a 304 with no body, so a phone re-checking a screen it holds pays
/// for a few headers rather than the screen. Done here once for every GET, after the endpoint has answered, so no
/// endpoint can forget it and every one hashes exactly the bytes it would send.
/// </summary>
public static class ScreenETags
{
    /// <summary>A screen differs by who asks (the token) and how it is encoded; a shared cache must keep them apart.</summary>
    public const string ScreenVary = "Authorization, Accept-Encoding";

    /// <summary>An image is the same for everyone (the proxy passes no token on): only its encoding varies.</summary>
    public const string ImageVary = "Accept-Encoding";

    /// <summary>A customer's screen: only their phone may keep it, and it asks again (cheaply, by ETag) before showing it.</summary>
    public const string CustomerScreenCaching = "private, no-cache";

    /// <summary>Runs after routing (it asks the endpoint whether it is a customer's) and inside response compression (it hashes the plain body).</summary>
    public static IApplicationBuilder UseScreenETags(this IApplicationBuilder app) =>
        app.UseWhen(IsAppRead, branch => branch.UseMiddleware<ETagMiddleware>());

    private static bool IsAppRead(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(ProductImageProxy.PathPrefix));

    private sealed class ETagMiddleware(RequestDelegate next, IOptions<BffLimits> limits)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            var sent = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            using var body = new MemoryStream();
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(sent);
            }

            var response = context.Response;
            response.Headers.Vary = context.Request.Path.StartsWithSegments(ProductImageProxy.PathPrefix) ? ImageVary : ScreenVary;
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                var etag = ETagOf(body);
                response.Headers.ETag = etag.ToString();
                if (string.IsNullOrEmpty(response.Headers.CacheControl))
                {
                    response.Headers.CacheControl = CachingFor(context);
                }

                if (IsHeldAlready(context.Request, etag))
                {
                    response.StatusCode = StatusCodes.Status304NotModified;
                    response.Headers.ContentLength = null;
                    response.Headers.ContentType = default;
                    return;
                }
            }

            body.Position = 0;
            await body.CopyToAsync(sent.Stream, context.RequestAborted);
        }

        /// <summary>
        /// The first 16 bytes of the body's SHA-256: collisions are out of reach at that length, and the header stays short.
        /// It names the content whichever encoding carries it (compression comes after it); Vary keeps caches from
        /// mixing the encodings up, and these answers serve no byte ranges, the one place a strong ETag would have to
        /// tell encodings apart.
        /// </summary>
        private static EntityTagHeaderValue ETagOf(MemoryStream body)
        {
            var hash = SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
            return new EntityTagHeaderValue($"\"{Base64Url.EncodeToString(hash.AsSpan(0, 16))}\"");
        }

        private static bool IsHeldAlready(HttpRequest request, EntityTagHeaderValue etag) =>
            EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var held)
            && held.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));

        /// <summary>
        /// A customer's screen is private and re-checked every time; an anonymous catalog read (the same for everyone)
        /// may be kept briefly by anyone. An answer that already says (an image passed through from Catalog, a degraded
        /// screen) keeps its own.
        /// </summary>
        private string CachingFor(HttpContext context) =>
            context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
                ? CustomerScreenCaching
                : $"public, max-age={(int)limits.Value.CatalogCacheDuration.TotalSeconds}";
    }
}
