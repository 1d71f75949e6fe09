using System.ComponentModel;
using Commerce.Bff.Shared;
using Commerce.Bff.Web.Aggregation;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Bff.Web.Edge;
using Microsoft.AspNetCore.Http.HttpResults;
using Refit;

namespace Commerce.Bff.Web.Apis;

public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        api.MapGet("", GetNotificationsAsync)
            .WithName("GetNotifications")
            .WithSummary("The customer's notifications, newest first; an empty, degraded page when Notifications does not answer");
        return api;
    }

    public static async Task<Results<Ok<NotificationsScreen>, ValidationProblem>> GetNotificationsAsync(
        HttpContext context,
        CustomerNotifications notifications,
        [Description("The nextCursor of the previous page; omit for the first page.")] string? cursor,
        CancellationToken cancellationToken)
    {
        try
        {
            var page = await notifications.GetAsync(context.User.CustomerId(), cursor, pageSize: null, cancellationToken);
            return TypedResults.Ok(page is null
                ? new NotificationsScreen([], null, [CustomerNotifications.Part])
                : new NotificationsScreen([.. page.Items.Select(OrderViews.ToItem)], page.NextCursor, []));
        }
        catch (ApiException refused) when (refused.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            return await DownstreamProblems.InvalidAsync(refused, "The page of notifications asked for is not valid");
        }
    }
}
