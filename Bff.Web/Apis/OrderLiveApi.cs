using System.ComponentModel;
using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Commerce.Bff.Shared;
using Commerce.Bff.Web.Aggregation;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Bff.Web.Edge;
using Commerce.Ordering.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Commerce.Bff.Web.Apis;

/// <summary>
/// <c>GET /api/orders/{id}/live</c>: Ordering's live stream of the signed-in customer's order, relayed to the browser
/// as server-sent events named <c>order</c> whose data is the <see cref="OrderScreen"/>, ids and Last-Event-ID passed
/// through. The browser's EventSource reconnects when Ordering ends a stream, with the last id it got.
/// </summary>
public static class OrderLiveApi
{
    public const string EventType = "order";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ReadOnlyMemory<byte> Heartbeat = Encoding.UTF8.GetBytes(": heartbeat\n\n");

    public static IEndpointRouteBuilder MapOrderLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/orders/{id}/live", StreamOrderAsync)
            .WithTags("Orders")
            .WithName("StreamOrder")
            .WithSummary("The customer's order as it changes: server-sent events named 'order', each an order screen")
            .RequireAuthorization()
            // Each event must reach the browser as it happens: never stored, never replayed to anyone.
            .CacheOutput(policy => policy.NoCache());
        return app;
    }

    public static async Task<Results<ServerSentEventsResult<OrderScreen>, ValidationProblem, ProblemHttpResult>> StreamOrderAsync(
        [AsParameters] OrderScreenServices services,
        [Description("The order's id (a GUID).")] string id,
        [FromHeader(Name = "Last-Event-ID"), Description("The id of the last event received; a reconnecting EventSource sends it.")] string? lastEventId,
        IOptions<OrderStreamOptions> options,
        CancellationToken cancellationToken)
    {
        if (OrdersApi.ParseOrderId(id) is not { } orderId)
        {
            return OrdersApi.InvalidOrderId();
        }

        HttpResponseMessage downstream;
        try
        {
            // Ordering's budget covers the opening only: once the headers are in, HttpClient no longer watches the
            // token it passed down, and this source is disposed without ever cancelling the stream.
            using var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            opening.CancelAfter(services.Timeouts.Value.Ordering);
            downstream = await services.Ordering.StreamOrderAsync(services.Context.User.CustomerId(), orderId, lastEventId, opening.Token);
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            services.Logger.LogWarning(exception, "Ordering could not open the live stream of order {OrderId}", orderId);
            return DownstreamProblems.Unavailable(services.Context, "Ordering", OrdersApi.OrderingRetryAfterSeconds);
        }

        // Released with the request whichever way it ends: the relay's own disposal covers only a stream that started.
        services.Context.Response.RegisterForDispose(downstream);
        switch (downstream.StatusCode)
        {
            case HttpStatusCode.OK:
                return TypedResults.ServerSentEvents<OrderScreen>(
                    RelayAsync(downstream, services.Context.Response, options.Value.HeartbeatInterval, cancellationToken));
            case HttpStatusCode.NotFound:
                return OrdersApi.NoSuchOrder(orderId);
            case HttpStatusCode.BadRequest:
                // Ordering judges Last-Event-ID; its field errors are the client's to fix.
                var problem = await downstream.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(cancellationToken);
                return TypedResults.ValidationProblem(
                    problem?.Errors ?? new Dictionary<string, string[]>(), detail: problem?.Detail, title: problem?.Title ?? "The request is not valid");
            default:
                services.Logger.LogWarning("Ordering answered {Status} to the live stream of order {OrderId}", (int)downstream.StatusCode, orderId);
                return DownstreamProblems.Unavailable(services.Context, "Ordering", OrdersApi.OrderingRetryAfterSeconds);
        }
    }

    /// <summary>
    /// Ordering's events as order screens, with a heartbeat while Ordering is quiet. Ends when Ordering ends its stream,
    /// and when the browser goes away (the request's token), disposing the downstream response: no connection is left open.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<OrderScreen>> RelayAsync(
        HttpResponseMessage downstream, HttpResponse response, TimeSpan heartbeatInterval, [EnumeratorCancellation] CancellationToken requestAborted)
    {
        using (downstream)
        {
            await using var body = await downstream.Content.ReadAsStreamAsync(requestAborted);
            var parser = SseParser.Create(body, (_, data) => JsonSerializer.Deserialize<OrderDetailsDto>(data, Json));
            await using var events = parser.EnumerateAsync(requestAborted).GetAsyncEnumerator(requestAborted);

            // The browser learns at once that its stream is open, even when it is up to date and nothing comes yet.
            await response.Body.FlushAsync(requestAborted);
            while (await NextAsync(events, response, heartbeatInterval, requestAborted))
            {
                if (events.Current is { EventType: EventType, Data: { } order } item)
                {
                    yield return new SseItem<OrderScreen>(OrderViews.ToScreen(order), EventType) { EventId = item.EventId };
                }
            }
        }
    }

    /// <summary>The next downstream event, writing a heartbeat comment for each interval that passes without one.</summary>
    private static async Task<bool> NextAsync(
        IAsyncEnumerator<SseItem<OrderDetailsDto?>> events, HttpResponse response, TimeSpan heartbeatInterval, CancellationToken requestAborted)
    {
        var next = events.MoveNextAsync().AsTask();
        while (true)
        {
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
            var quiet = Task.Delay(heartbeatInterval, beat.Token);
            if (await Task.WhenAny(next, quiet) == next)
            {
                await beat.CancelAsync();
                return await next;
            }

            // SseItem has no comment form; between two events the body is free for one (SseFormatter writes each event
            // as it is yielded).
            await quiet;
            await response.Body.WriteAsync(Heartbeat, requestAborted);
        }
    }
}
