using System.ComponentModel;
using Commerce.Bff.Mobile.Client;
using Commerce.Bff.Mobile.Edge;
using Commerce.Bff.Mobile.Screens;
using Commerce.Bff.Shared;
using Commerce.Ordering.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Refit;
using CancelOrderRequest = Commerce.Bff.Mobile.Client.CancelOrderRequest;

namespace Commerce.Bff.Mobile.Apis;

/// <summary>The customer's orders. Every call to Ordering carries that customer's id (the token's <c>sub</c>) and nothing else of theirs.</summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders").RequireAuthorization();

        orders.MapGet("", GetOrdersAsync)
            .WithName("GetOrders")
            .WithSummary("My orders, newest first, one page at a time")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        orders.MapGet("/{id}", GetOrderAsync)
            .WithName("GetOrder")
            .WithSummary("One of my orders with its timeline, compensations marked undo; 404 for anyone else's")
            .WithValidation<OrderRoute>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        orders.MapPost("/{id}/cancellation", RequestCancellationAsync)
            .WithName("RequestCancellation")
            .WithSummary("Ask for the order to be cancelled: 202 with the order as it now stands")
            .WithDescription("The saga decides: it stops the order if it still can. 409 with Ordering's reason (order-confirmed, order-cancelled) when it no longer can.")
            .WithValidation<OrderRoute>()
            .WithValidation<CancelOrderRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return orders;
    }

    public static async Task<Results<Ok<OrdersScreen>, ValidationProblem, ProblemHttpResult>> GetOrdersAsync(
        [AsParameters] OrderScreenServices services,
        [Description("The next of the previous page; omit for the first page.")] string? cursor,
        CancellationToken cancellationToken) =>
        ScreenResults.Of(await services.ReadAsync(
            token => services.Ordering.GetOrdersAsync(services.CustomerId, cursor, cancellationToken: token),
            page => new OrdersScreen([.. page.Items.Select(OrderViews.RowOf)], page.NextCursor),
            cancellationToken), services.Context, "There is no such page of orders.");

    public static async Task<Results<Ok<OrderScreen>, ValidationProblem, ProblemHttpResult>> GetOrderAsync(
        [AsParameters] OrderRoute route, [AsParameters] OrderScreenServices services, CancellationToken cancellationToken) =>
        ScreenResults.Of(await services.ReadOrderAsync(route.Id, cancellationToken), services.Context, NoSuchOrder(route.Id));

    public static async Task<Results<Accepted<OrderScreen>, ValidationProblem, ProblemHttpResult>> RequestCancellationAsync(
        [AsParameters] OrderRoute route, CancelOrderRequest request, [AsParameters] OrderScreenServices services, CancellationToken cancellationToken)
    {
        try
        {
            var response = await DownstreamFaults.WithinAsync(
                services.Timeouts.Value.Ordering,
                token => services.Ordering.RequestCancellationAsync(services.CustomerId, route.Id, new RequestCancellationRequest(request.Reason), token),
                cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return ScreenResults.NotFound(NoSuchOrder(route.Id));
            }

            if (response is { StatusCode: System.Net.HttpStatusCode.BadRequest, Error: ApiException invalid })
            {
                return await DownstreamProblems.InvalidAsync(invalid, "The cancellation request is not valid");
            }

            if (response is { StatusCode: System.Net.HttpStatusCode.Conflict, Error: ApiException refusal })
            {
                return await DownstreamProblems.RefusedAsync(refusal);
            }

            await response.EnsureSuccessStatusCodeAsync();
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            services.Logger.LogWarning(exception, "Ordering could not take the cancellation of order {OrderId}", route.Id);
            return ScreenResults.Unavailable(services.Context, "Ordering");
        }

        // The answer is the order as it stands now, timeline included; the saga decides the rest.
        return await services.ReadOrderAsync(route.Id, cancellationToken) switch
        {
            ScreenRead<OrderScreen>.Shown shown => TypedResults.Accepted($"/api/orders/{route.Id}", shown.Screen),
            ScreenRead<OrderScreen>.Missing => ScreenResults.NotFound(NoSuchOrder(route.Id)),
            _ => ScreenResults.Unavailable(services.Context, "Ordering"),
        };
    }

    private static string NoSuchOrder(Guid orderId) => $"You have no order {orderId}.";
}

/// <summary>What every orders screen needs.</summary>
public sealed record OrderScreenServices(
    HttpContext Context,
    IOrderingApi Ordering,
    IOptions<BffTimeouts> Timeouts,
    ILogger<OrderScreenServices> Logger)
{
    public string CustomerId => Context.User.CustomerId();

    public Task<ScreenRead<OrderScreen>> ReadOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        ReadAsync(token => Ordering.GetOrderAsync(CustomerId, orderId, token), OrderViews.ScreenOf, cancellationToken);

    /// <summary>One Ordering read within Ordering's budget, shaped into a screen; its 400s are the app's to fix, its 404 is <c>Missing</c>.</summary>
    public async Task<ScreenRead<TScreen>> ReadAsync<TDto, TScreen>(
        Func<CancellationToken, Task<IApiResponse<TDto>>> call, Func<TDto, TScreen> shape, CancellationToken cancellationToken)
    {
        try
        {
            var response = await DownstreamFaults.WithinAsync(Timeouts.Value.Ordering, call, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return new ScreenRead<TScreen>.Missing();
            }

            if (response is { StatusCode: System.Net.HttpStatusCode.BadRequest, Error: ApiException refused })
            {
                var problem = await refused.GetContentAsAsync<HttpValidationProblemDetails>();
                return new ScreenRead<TScreen>.Invalid(problem?.Errors ?? new Dictionary<string, string[]>(), problem?.Title ?? "The request is not valid");
            }

            await response.EnsureSuccessStatusCodeAsync();
            return new ScreenRead<TScreen>.Shown(shape(response.Content!));
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            Logger.LogWarning(exception, "Ordering could not give a screen");
            return new ScreenRead<TScreen>.Unavailable("Ordering");
        }
    }
}
