using System.Net;
using System.Text;
using System.Text.Json;

namespace Commerce.Testing.Temporal.Tests.WebUi;

/// <summary>
/// Calls the in-process server's HTTP API the way the Temporal Web UI does (tools/temporal-ui/API.md): cookies kept,
/// the <c>_csrf</c> cookie copied into X-CSRF-TOKEN, bodies posted as text/plain.
/// </summary>
internal sealed class WebUiBrowser : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;
    private readonly Uri _origin;

    public WebUiBrowser(Uri origin)
    {
        _origin = origin;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies }) { BaseAddress = origin };
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative), Cancellation);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>A POST as the UI sends it; <paramref name="withCsrfToken"/> false leaves the header off.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string? body, bool withCsrfToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "text/plain"),
        };
        if (withCsrfToken && _cookies.GetCookies(_origin)["_csrf"] is { } csrf)
        {
            request.Headers.Add("X-CSRF-TOKEN", csrf.Value);
        }
        return await _http.SendAsync(request, Cancellation);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A JSON payload as the UI sends one: base64 of <c>json/plain</c> and of the JSON text.</summary>
    public static string Payload(object value) =>
        $$"""{"metadata":{"encoding":"{{Convert.ToBase64String("json/plain"u8)}}"},"data":"{{Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value))}}"}""";

    /// <summary>The JSON a payload of the answer holds, decoded as the UI decodes it.</summary>
    public static JsonElement Decode(JsonElement payload) =>
        JsonDocument.Parse(Convert.FromBase64String(payload.GetProperty("data").GetString()!)).RootElement.Clone();

    public void Dispose() => _http.Dispose();
}
