using Commerce.Notifications.Api.Data;
using Commerce.Notifications.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Notifications.Api.Apis;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        // Internal: only the BFFs call it, with the customer they authenticated; the route scopes every read to them.
        var customers = app.MapGroup("/customers/{customerId}").WithTags("Notifications");

        customers.MapGet("/notifications", ListNotifications)
            .WithName("ListNotifications")
            .WithSummary("List a customer's notifications")
            .WithDescription(
                "The notifications recorded for the customer's orders (received, confirmed, cancelled with its reason, shipped, " +
                "refunded), newest first, one keyset page at a time. A customer with none gets an empty page.")
            .WithValidation<NotificationListQuery>();

        return app;
    }

    public static async Task<Ok<NotificationPage>> ListNotifications(
        [AsParameters] NotificationListQuery query, NotificationStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(query.CustomerId, query.Cursor, query.PageSize ?? NotificationListQuery.DefaultPageSize, cancellationToken));
}
