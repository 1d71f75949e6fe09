using System.Net;
using System.Text.Json;

namespace Commerce.Identity.Tests;

/// <summary>Whatever a client sends, the answer is an OAuth error or a 400, never a 500.</summary>
public sealed class BadInputTests(IdentityProviderFactory provider) : IClassFixture<IdentityProviderFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> MalformedAuthorizationRequests => new()
    {
        "/connect/authorize",
        "/connect/authorize?client_id=bff-mobile",
        "/connect/authorize?client_id=unknown&response_type=code&redirect_uri=https%3A%2F%2Fmobile.example%2Fauthentication%2Flogin-callback&scope=openid",
        "/connect/authorize?client_id=bff-mobile&response_type=token&redirect_uri=https%3A%2F%2Fmobile.example%2Fauthentication%2Flogin-callback&scope=openid",
        "/connect/authorize?client_id=bff-mobile&client_id=bff-web&response_type=code",
        "/connect/authorize?client_id=bff-mobile&response_type=code&redirect_uri=not%20a%20uri&scope=openid",
        $"/connect/authorize?client_id={new string('a', 100_000)}&response_type=code",
        $"/connect/authorize?client_id=bff-mobile&response_type=code&state={new string('s', 100_000)}",
        "/connect/authorize?client_id=bff%00mobile&response_type=code",
        "/connect/authorize?client_id=bff-mobile&redirect_uri=https%3A%2F%2Fmobile.example%2F%00&response_type=code",
        "/account/sign-out?post_logout_redirect_uri=%00",
        "/account/sign-in?ReturnUrl=%2F%00",
    };

    [Theory]
    [MemberData(nameof(MalformedAuthorizationRequests))]
    public async Task A_malformed_front_channel_request_gets_a_400(string url)
    {
        using var browser = provider.CreateBrowser();

        var answer = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    public static TheoryData<string, string> MalformedTokenRequests => new()
    {
        { "", "invalid_request" },
        { "grant_type=unknown&client_id=bff-mobile", "unsupported_grant_type" },
        { "grant_type=authorization_code&client_id=bff-mobile", "invalid_request" },
        { "grant_type=authorization_code&client_id=bff-mobile&code=garbage&redirect_uri=https%3A%2F%2Fmobile.example%2Fauthentication%2Flogin-callback&code_verifier=abcdefghijabcdefghijabcdefghijabcdefghij123", "invalid_grant" },
        { "grant_type=refresh_token&client_id=bff-mobile&refresh_token=garbage", "invalid_grant" },
        { "grant_type=password&client_id=bff-mobile&username=a%40b.c&password=x", "unsupported_grant_type" },
        { "grant_type=refresh_token&client_id=bff%00mobile&refresh_token=x", "invalid_request" },
        { $"grant_type=refresh_token&client_id=bff-mobile&refresh_token={new string('r', 200_000)}", "invalid_request" },
        { "grant_type=client_credentials&client_id=bff-web&client_secret=wrong", "unsupported_grant_type" },
    };

    [Theory]
    [MemberData(nameof(MalformedTokenRequests))]
    public async Task A_malformed_token_request_gets_an_OAuth_error(string form, string error)
    {
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var answer = await provider.CreateClient().PostAsync("/connect/token", content, Cancellation);

        var body = await answer.Content.ReadAsStringAsync(Cancellation);
        Assert.True(answer.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{(int)answer.StatusCode}: {body}");
        Assert.Equal(error, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_token_request_that_is_not_a_form_gets_an_OAuth_error()
    {
        using var content = new StringContent("{\"grant_type\":\"password\"}", System.Text.Encoding.UTF8, "application/json");

        using var answer = await provider.CreateClient().PostAsync("/connect/token", content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Cancellation)).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_sign_in_form_with_a_NUL_gets_a_400_problem_instead_of_reaching_the_database()
    {
        using var browser = provider.CreateBrowser();
        var page = await browser.GetAsync("/account/sign-in");

        var answer = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Form.Email"] = "a\0@example.com", ["Form.Password"] = "x" });

        // ASP.NET Core's form reader refuses it before any field is bound, so the problem names the form.
        await Commerce.Testing.ProblemAssert.NamesFieldAsync(answer, "form", Cancellation);
    }
}
