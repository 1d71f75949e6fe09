using System.Security.Claims;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Bff.Web.Edge;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Bff.Web.Apis;

public static class SessionApi
{
    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Session");
        api.MapGet("/session", GetSession)
            .WithName("GetSession")
            .WithSummary("Who is signed in, and the antiforgery token the storefront's state-changing calls send back")
            .AllowAnonymous();
        return api;
    }

    /// <summary>
    /// Issues the antiforgery pair: the cookie goes with the response, the request token in the body for the storefront's
    /// script to echo in <see cref="StorefrontHeaders.AntiforgeryToken"/>. The token is bound to who is signed in, so the
    /// storefront asks again after signing in.
    /// </summary>
    public static Ok<SessionScreen> GetSession(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var user = context.User;
        var customer = user.CustomerIdOrNull() is { } customerId
            ? new CustomerProfile(customerId, user.FindFirstValue(SignedInCustomer.EmailClaim) ?? "", user.FindFirstValue(SignedInCustomer.NameClaim) ?? "")
            : null;
        return TypedResults.Ok(new SessionScreen(customer is not null, customer, tokens.RequestToken!));
    }
}
