using Commerce.Ordering.Api.Data;
using Commerce.Ordering.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Commerce.Ordering.Api.Apis;

public static class OrderLiveApi
{
    public static IEndpointRouteBuilder MapOrderLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/{orderId:guid}/live", StreamOrder)
            .WithTags("Orders")
            .WithName("StreamOrder")
            .WithSummary("Follow one of the customer's orders as its saga moves (server-sent events)")
            .WithDescription(
                "text/event-stream of events named 'order' whose data is the order with its timeline (as GetOrder) and whose id " +
                "is the number of timeline entries: one at once, then one after every new timeline fact, pushed as the fact " +
                "commits. A Last-Event-ID equal to the current count sends nothing until the next change. A comment line is " +
                "sent when the stream has been quiet for the heartbeat interval (Ordering:Live:HeartbeatInterval, 15 s); the " +
                "stream ends after Ordering:Live:MaxLifetime (5 min), and EventSource reconnects with Last-Event-ID. Another " +
                "customer's order is a 404, before any stream starts.")
            .WithValidation<LiveOrderRequest>();
        return app;
    }

    public static async Task<Results<ServerSentEventsResult<OrderDetailsDto>, NotFound>> StreamOrder(
        [AsParameters] LiveOrderRequest request,
        OrderViewStore views,
        OrderChangeFeed changes,
        IOptions<OrderLiveOptions> options,
        TimeProvider timeProvider,
        IHostApplicationLifetime host,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        // Subscribed before the first read, so a fact that commits in between is heard rather than lost.
        var subscription = changes.Subscribe(request.OrderId);
        httpContext.Response.RegisterForDispose(subscription);
        Task<OrderDetailsDto?> ReadOrderAsync(CancellationToken token) => views.FindAsync(request.CustomerId!, request.OrderId, token);
        if (await ReadOrderAsync(cancellationToken) is not { } current)
        {
            return TypedResults.NotFound();
        }

        var stream = new OrderLiveStream(subscription, ReadOrderAsync, httpContext.Response, options.Value, timeProvider, host.ApplicationStopping);
        // The type argument picks the SseItem overload, which carries each event's name and id.
        return TypedResults.ServerSentEvents<OrderDetailsDto>(stream.EventsAsync(current, request.LastSeenCount, cancellationToken));
    }
}
