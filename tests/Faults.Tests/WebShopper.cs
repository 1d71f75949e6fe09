using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Aspire.Hosting.Testing;
using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Faults.Tests;

/// <summary>
/// A customer at the storefront of the running system, over real sockets as a browser: signed in through the web BFF's
/// OpenID Connect flow against Identity (one cookie jar for both, redirects followed), then calling the storefront's
/// <c>/api</c> with the session's antiforgery token, as its checkout and order pages do.
/// </summary>
public sealed class WebShopper : IDisposable
{
    /// <summary>Identity's demo customer in Development (Services/Identity/README.md).</summary>
    public const string DemoEmail = "ada@example.com";

    private const string DemoPassword = "commerce-demo";

    /// <summary>Payments' test cards (Services/Payments/README.md).</summary>
    public const string ApprovedCard = "4242424242424242";

    public const string DeclinedCard = "4000000000000002";

    public static readonly DeliveryAddress Deliverable = new("Ada Lovelace", "12 Analytical Row", null, "Springfield", "94105", "US");

    /// <summary>A country the carrier does not serve: Shipping's rules refuse it, and so does Ordering at placement.</summary>
    public static readonly DeliveryAddress Undeliverable = Deliverable with { Country = "KP" };

    private const int MaxCheckoutAttempts = 5;

    private static readonly HtmlParser Parser = new();

    private readonly HttpClient _http;
    private string _antiforgeryToken = "";
    private int _checkoutsAskedAgain;

    private WebShopper(Uri storefront)
    {
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
        {
            BaseAddress = storefront,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<WebShopper> SignInAsync(FaultMatrixSystem system)
    {
        var shopper = new WebShopper(system.App.GetEndpoint("bff-web", "http"));
        try
        {
            // The BFF sends the browser to Identity's authorization endpoint, which shows its sign-in page.
            using var signInPage = await shopper._http.GetAsync("/account/sign-in?returnUrl=%2F", Cancellation);
            Assert.True(signInPage.IsSuccessStatusCode, $"sign-in page: {(int)signInPage.StatusCode}");
            using var landing = await shopper.SubmitSignInFormAsync(signInPage);
            Assert.True(landing.IsSuccessStatusCode, $"after signing in: {(int)landing.StatusCode} at {landing.RequestMessage?.RequestUri}");
            var session = await shopper._http.GetFromJsonAsync<SessionScreen>("/api/session", Cancellation);
            Assert.True(session is { SignedIn: true }, "the sign-in flow ended without a session");
            shopper._antiforgeryToken = session.AntiforgeryToken;
            return shopper;
        }
        catch
        {
            shopper.Dispose();
            throw;
        }
    }

    /// <summary>A card saved at Payments through the storefront: its token.</summary>
    public async Task<string> SaveCardAsync(string number)
    {
        using var saved = await PostAsync("/api/payment-cards", new SaveCardRequest(number, 12, DateTime.UtcNow.Year + 2, "123"));
        Assert.True(saved.StatusCode == HttpStatusCode.Created, $"save card: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync(Cancellation)}");
        return (await saved.Content.ReadFromJsonAsync<SavedCard>(Cancellation))!.Token;
    }

    /// <summary>The checkout request the storefront would send for <paramref name="items"/>, priced by the BFF first.</summary>
    public async Task<CheckoutRequest> CheckoutRequestAsync(IReadOnlyList<CartItem> items, string cardToken, DeliveryAddress? address = null)
    {
        using var priced = await PostAsync("/api/cart/price", new PriceCartRequest(items));
        Assert.True(priced.IsSuccessStatusCode, $"price cart: {(int)priced.StatusCode}");
        var cart = (await priced.Content.ReadFromJsonAsync<CartScreen>(Cancellation))!;
        return new CheckoutRequest(items, address ?? Deliverable, cardToken, cart.Total);
    }

    /// <summary><c>POST /api/checkout</c> with <paramref name="idempotencyKey"/>, as the checkout page sends it (again, on a retry).</summary>
    public Task<HttpResponseMessage> CheckoutAsync(CheckoutRequest request, string idempotencyKey)
    {
        var message = Post("/api/checkout", request);
        message.Headers.Add(StorefrontHeaders.IdempotencyKey, idempotencyKey);
        return _http.SendAsync(message, Cancellation);
    }

    /// <summary>
    /// Checks out and expects the order placed: its id. A 503 with Retry-After (the BFF's budget for a downstream call
    /// ran out under load) is asked again after that wait with the same Idempotency-Key, as the checkout page lets the
    /// customer do: safe, since the key makes every attempt the same order.
    /// </summary>
    public async Task<Guid> PlaceOrderAsync(CheckoutRequest request, string? idempotencyKey = null)
    {
        var key = idempotencyKey ?? Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            using var placed = await CheckoutAsync(request, key);
            if (placed.StatusCode == HttpStatusCode.ServiceUnavailable && placed.Headers.RetryAfter?.Delta is { } wait && attempt < MaxCheckoutAttempts)
            {
                Interlocked.Increment(ref _checkoutsAskedAgain);
                await Task.Delay(wait, Cancellation);
                continue;
            }

            Assert.True(placed.StatusCode == HttpStatusCode.Created, $"checkout: {(int)placed.StatusCode} {await placed.Content.ReadAsStringAsync(Cancellation)}");
            return (await placed.Content.ReadFromJsonAsync<OrderScreen>(Cancellation))!.OrderId;
        }
    }

    /// <summary>How many checkouts were asked again after a 503 with Retry-After, for the report.</summary>
    public int CheckoutsAskedAgain => Volatile.Read(ref _checkoutsAskedAgain);

    public async Task<OrderScreen> GetOrderAsync(Guid orderId) =>
        (await _http.GetFromJsonAsync<OrderScreen>($"/api/orders/{orderId}", Cancellation))!;

    /// <summary>The customer's "Cancel order" on the order page.</summary>
    public Task<HttpResponseMessage> RequestCancellationAsync(Guid orderId) =>
        _http.SendAsync(Post($"/api/orders/{orderId}/cancellation", new CancelOrderRequest("changed my mind")), Cancellation);

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> PostAsync(string path, object body) => _http.SendAsync(Post(path, body), Cancellation);

    private HttpRequestMessage Post(string path, object body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        message.Headers.Add(StorefrontHeaders.AntiforgeryToken, _antiforgeryToken);
        return message;
    }

    /// <summary>Identity's sign-in form, posted as rendered (its antiforgery field and return URL included).</summary>
    private async Task<HttpResponseMessage> SubmitSignInFormAsync(HttpResponseMessage page)
    {
        var document = await Parser.ParseDocumentAsync(await page.Content.ReadAsStringAsync(Cancellation), Cancellation);
        var form = document.QuerySelector<IHtmlFormElement>("form[method=post]")
            ?? throw new InvalidOperationException($"no sign-in form at {page.RequestMessage?.RequestUri}");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[name]")
            .Where(input => input.Type != "submit")
            .ToDictionary(input => input.Name!, input => input.Value);
        fields["Form.Email"] = DemoEmail;
        fields["Form.Password"] = DemoPassword;
        var pageUri = page.RequestMessage!.RequestUri!;
        var action = form.GetAttribute("action") is { Length: > 0 } target ? new Uri(pageUri, target) : pageUri;
        return await _http.PostAsync(action, new FormUrlEncodedContent(fields), Cancellation);
    }
}
