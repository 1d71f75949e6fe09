using System.ComponentModel;
using Commerce.Bff.Shared;
using Commerce.Bff.Web.Aggregation;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Bff.Web.Edge;
using Commerce.Ordering.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Refit;
using CancelOrderRequest = Commerce.Bff.Web.Client.Screens.CancelOrderRequest;

namespace Commerce.Bff.Web.Apis;

/// <summary>The signed-in customer's orders. Every call to Ordering carries that customer's id and nothing else of theirs.</summary>
public static class OrdersApi
{
    /// <summary>How many of the latest notifications the orders screen shows beside the orders.</summary>
    public const int LatestNotifications = 5;

    /// <summary>Ordering restarting or failing over is back within seconds.</summary>
    internal const int OrderingRetryAfterSeconds = 5;

    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization();

        api.MapGet("", GetOrdersAsync)
            .WithName("GetOrders")
            .WithSummary("The customer's orders, newest first, with their latest notifications (degradable)");
        api.MapGet("/{id}", GetOrderAsync)
            .WithName("GetOrder")
            .WithSummary("One of the customer's orders with its timeline, compensations marked; 404 for anyone else's");
        api.MapPost("/{id}/cancellation", RequestCancellationAsync)
            .WithName("RequestOrderCancellation")
            .WithSummary("Ask for the order to be cancelled; Ordering's refusals (409) come with their reason")
            .RequireAntiforgeryToken();
        return api;
    }

    public static async Task<Results<Ok<OrdersScreen>, ValidationProblem, ProblemHttpResult>> GetOrdersAsync(
        [AsParameters] OrderScreenServices services,
        CustomerNotifications notifications,
        [Description("The nextCursor of the previous page; omit for the first page.")] string? cursor,
        CancellationToken cancellationToken)
    {
        var customerId = services.Context.User.CustomerId();
        var latest = notifications.GetAsync(customerId, cursor: null, LatestNotifications, cancellationToken);
        try
        {
            var page = await services.WithinBudgetAsync(token => services.Ordering.GetOrdersAsync(customerId, cursor, cancellationToken: token), cancellationToken);
            var messages = await latest;
            return TypedResults.Ok(new OrdersScreen(
                [.. page.Items.Select(OrderViews.ToSummary)],
                page.NextCursor,
                messages is null ? [] : [.. messages.Items.Select(OrderViews.ToItem)],
                messages is null ? [CustomerNotifications.Part] : []));
        }
        catch (ApiException refused) when (refused.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            return await DownstreamProblems.InvalidAsync(refused, "The page of orders asked for is not valid");
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            services.Logger.LogWarning(exception, "Ordering could not list the customer's orders");
            return DownstreamProblems.Unavailable(services.Context, "Ordering", OrderingRetryAfterSeconds);
        }
    }

    public static async Task<Results<Ok<OrderScreen>, ValidationProblem, ProblemHttpResult>> GetOrderAsync(
        [AsParameters] OrderScreenServices services,
        [Description("The order's id (a GUID).")] string id,
        CancellationToken cancellationToken)
    {
        if (ParseOrderId(id) is not { } orderId)
        {
            return InvalidOrderId();
        }

        try
        {
            return TypedResults.Ok(await services.GetScreenAsync(orderId, cancellationToken));
        }
        catch (ApiException refused) when (refused.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return NoSuchOrder(orderId);
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            services.Logger.LogWarning(exception, "Ordering could not give order {OrderId}", orderId);
            return DownstreamProblems.Unavailable(services.Context, "Ordering", OrderingRetryAfterSeconds);
        }
    }

    /// <summary>Passes the request on; the answer is the order screen as it stands after it (the saga decides the rest).</summary>
    public static async Task<Results<Ok<OrderScreen>, ValidationProblem, ProblemHttpResult>> RequestCancellationAsync(
        [AsParameters] OrderScreenServices services,
        [Description("The order's id (a GUID).")] string id,
        [Description("Why, optionally; the body may be omitted.")] CancelOrderRequest? request,
        CancellationToken cancellationToken)
    {
        if (ParseOrderId(id) is not { } orderId)
        {
            return InvalidOrderId();
        }

        var customerId = services.Context.User.CustomerId();
        try
        {
            await services.WithinBudgetAsync(
                token => services.Ordering.RequestCancellationAsync(customerId, orderId, new RequestCancellationRequest(request?.Reason), token),
                cancellationToken);
            return TypedResults.Ok(await services.GetScreenAsync(orderId, cancellationToken));
        }
        catch (ApiException refused) when (refused.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return NoSuchOrder(orderId);
        }
        catch (ApiException refused) when (refused.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            return await DownstreamProblems.InvalidAsync(refused, "The cancellation request is not valid");
        }
        catch (ApiException refused) when (refused.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return await DownstreamProblems.RefusedAsync(refused);
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            services.Logger.LogWarning(exception, "Ordering could not take the cancellation of order {OrderId}", orderId);
            return DownstreamProblems.Unavailable(services.Context, "Ordering", OrderingRetryAfterSeconds);
        }
    }

    /// <summary>The empty GUID names no order; Ordering would refuse it too, but the customer should hear it named by this field.</summary>
    internal static Guid? ParseOrderId(string id) => Guid.TryParse(id, out var orderId) && orderId != Guid.Empty ? orderId : null;

    internal static ValidationProblem InvalidOrderId() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["id"] = ["An order id is a GUID, as the orders screen gives it."] },
        title: "The order id is not valid");

    /// <summary>The same answer for an order that does not exist and for another customer's: nothing to learn by guessing ids.</summary>
    internal static ProblemHttpResult NoSuchOrder(Guid orderId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such order",
        detail: $"You have no order {orderId}.",
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");
}

/// <summary>What every orders screen needs.</summary>
public sealed record OrderScreenServices(
    HttpContext Context,
    IOrderingApi Ordering,
    IOptions<BffTimeouts> Timeouts,
    ILogger<OrderScreenServices> Logger)
{
    /// <summary>One Ordering call within Ordering's budget; a non-success answer is thrown as its <see cref="ApiException"/>.</summary>
    public async Task<T> WithinBudgetAsync<T>(Func<CancellationToken, Task<IApiResponse<T>>> call, CancellationToken cancellationToken)
    {
        var response = await DownstreamFaults.WithinAsync(Timeouts.Value.Ordering, call, cancellationToken);
        await response.EnsureSuccessStatusCodeAsync();
        return response.Content!;
    }

    public async Task<OrderScreen> GetScreenAsync(Guid orderId, CancellationToken cancellationToken) => OrderViews.ToScreen(
        await WithinBudgetAsync(token => Ordering.GetOrderAsync(Context.User.CustomerId(), orderId, token), cancellationToken));
}
