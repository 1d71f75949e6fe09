using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Client;

/// <summary>An order checkout placed.</summary>
public sealed record PlacedOrder(Guid OrderId);

/// <summary>
/// Every call the storefront's browser side makes, to the BFF that served it and nowhere else: the one place that knows
/// the routes and the headers (the antiforgery token of the session, the checkout's Idempotency-Key).
/// </summary>
public sealed class StorefrontClient(HttpClient http)
{
    private string? _antiforgeryToken;

    /// <summary>The session's server-sent events of one order (an EventSource opens it, not this client).</summary>
    public static string LiveOrderPath(Guid orderId) => $"/api/orders/{orderId}/live";

    public async Task<ApiResult<SessionScreen>> GetSessionAsync(CancellationToken cancellationToken = default)
    {
        var session = await SendAsync<SessionScreen>(new HttpRequestMessage(HttpMethod.Get, "/api/session"), cancellationToken);
        _antiforgeryToken = session.Value?.AntiforgeryToken ?? _antiforgeryToken;
        return session;
    }

    public Task<ApiResult<CartScreen>> PriceCartAsync(IReadOnlyList<CartItem> items, CancellationToken cancellationToken = default) =>
        SendAsync<CartScreen>(new HttpRequestMessage(HttpMethod.Post, "/api/cart/price") { Content = JsonContent.Create(new PriceCartRequest(items)) }, cancellationToken);

    public async Task<ApiResult<SavedCard>> SaveCardAsync(SaveCardRequest card, CancellationToken cancellationToken = default) =>
        await SendAsync<SavedCard>(await StateChangingAsync("/api/payment-cards", card, cancellationToken), cancellationToken);

    /// <summary>Places the order; <paramref name="idempotencyKey"/> is the attempt's, the same on every retry of it.</summary>
    public async Task<ApiResult<PlacedOrder>> CheckoutAsync(CheckoutRequest checkout, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var request = await StateChangingAsync("/api/checkout", checkout, cancellationToken);
        request.Headers.Add(StorefrontHeaders.IdempotencyKey, idempotencyKey);
        var placed = await SendAsync<JsonElement>(request, cancellationToken);
        return placed.Problem is { } problem
            ? ApiResult<PlacedOrder>.Failure(problem)
            : ApiResult<PlacedOrder>.Success(new PlacedOrder(placed.Value.GetProperty("orderId").GetGuid()));
    }

    public Task<ApiResult<OrdersScreen>> GetOrdersAsync(string? cursor = null, CancellationToken cancellationToken = default) =>
        SendAsync<OrdersScreen>(
            new HttpRequestMessage(HttpMethod.Get, cursor is null ? "/api/orders" : $"/api/orders?cursor={Uri.EscapeDataString(cursor)}"),
            cancellationToken);

    public Task<ApiResult<OrderScreen>> GetOrderAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        SendAsync<OrderScreen>(new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{orderId}"), cancellationToken);

    /// <summary>Asks to cancel; the order page learns the outcome from the live timeline.</summary>
    public async Task<ApiResult<JsonElement>> CancelOrderAsync(Guid orderId, CancelOrderRequest cancellation, CancellationToken cancellationToken = default) =>
        await SendAsync<JsonElement>(await StateChangingAsync($"/api/orders/{orderId}/cancellation", cancellation, cancellationToken), cancellationToken);

    /// <summary>A POST with the session's antiforgery token, which the BFF requires on every state-changing call.</summary>
    private async Task<HttpRequestMessage> StateChangingAsync<TBody>(string path, TBody body, CancellationToken cancellationToken)
    {
        if (_antiforgeryToken is null)
        {
            await GetSessionAsync(cancellationToken);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (_antiforgeryToken is { } token)
        {
            request.Headers.Add(StorefrontHeaders.AntiforgeryToken, token);
        }

        return request;
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException)
            {
                return ApiResult<T>.Failure(ApiProblem.Unreachable());
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    return ApiResult<T>.Failure(await ApiProblem.ReadAsync(response, cancellationToken));
                }

                var value = response.Content.Headers.ContentLength == 0
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken);
                return ApiResult<T>.Success(value!);
            }
        }
    }
}
