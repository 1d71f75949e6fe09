using Commerce.Bff.Web.Client.Screens;
using Microsoft.AspNetCore.Antiforgery;

namespace Commerce.Bff.Web.Edge;

/// <summary>
/// The session is a cookie the browser sends with any request to this site, whoever's page made it; so a state-changing
/// call must also prove it came from the storefront's own script, by echoing the request token of <c>/api/session</c>.
/// </summary>
public static class AntiforgeryCheck
{
    /// <summary>Refuses with 400 naming <see cref="StorefrontHeaders.AntiforgeryToken"/> when it is missing or not this session's.</summary>
    public static TBuilder RequireAntiforgeryToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            return await antiforgery.IsRequestValidAsync(context) ? await next(invocation) : Refusal();
        });

    private static IResult Refusal() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]>
        {
            [StorefrontHeaders.AntiforgeryToken] =
                [$"Send the antiforgery token of GET /api/session in the {StorefrontHeaders.AntiforgeryToken} header; it is missing, or not this session's."],
        },
        title: "The antiforgery token is missing or invalid",
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");
}
