using System.Net;

namespace Commerce.Identity.Tests;

public static class OAuthAssert
{
    /// <summary>
    /// OpenIddict's answer to an authorization or end-session request it will not act on: 400 with the OAuth error in
    /// the body, and no redirect anywhere (so an attacker's URI never receives the browser).
    /// </summary>
    public static async Task RefusedWithoutRedirectAsync(HttpResponseMessage answer, string mentioned)
    {
        var body = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{(int)answer.StatusCode} {answer.Headers.Location}: {body}");
        Assert.Null(answer.Headers.Location);
        Assert.Contains("error:invalid_request", body, StringComparison.Ordinal);
        Assert.Contains(mentioned, body, StringComparison.Ordinal);
    }
}
