using System.Text.Json;
using Commerce.ServiceDefaults.Errors;
using Commerce.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.ServiceDefaults.Faults;

/// <summary>
/// The switches of this process over HTTP: <c>GET /faults</c>, <c>PUT /faults/{name}</c>, <c>DELETE /faults/{name}</c>
/// and <c>DELETE /faults</c>. A branch of the pipeline ahead of the service's own, not endpoints of it: that way every
/// service has them without mapping anything, and no rule can ever fail the requests that would remove it.
/// </summary>
internal static class FaultSwitchesApi
{
    public const string Path = "/faults";

    public static async Task AnswerAsync(HttpContext context) => await (await DispatchAsync(context)).ExecuteAsync(context);

    private static async Task<IResult> DispatchAsync(HttpContext context)
    {
        var switchboard = context.RequestServices.GetRequiredService<FaultSwitchboard>();
        var method = context.Request.Method;
        // Inside the branch the path is what follows /faults: nothing (or "/"), or "/{name}".
        var rest = context.Request.Path.Value ?? "";
        if (rest is "" or "/")
        {
            return HttpMethods.IsGet(method) ? List(switchboard)
                : HttpMethods.IsDelete(method) ? RemoveAll(switchboard)
                : MethodNotAllowed(context, "GET, DELETE");
        }

        var name = rest[1..];
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return NoSuchSwitch(name);
        }

        return HttpMethods.IsPut(method) ? await SetAsync(context, switchboard, name)
            : HttpMethods.IsDelete(method) ? Remove(switchboard, name)
            : MethodNotAllowed(context, "PUT, DELETE");
    }

    private static Ok<Dictionary<string, FaultSwitchState>> List(FaultSwitchboard switchboard) =>
        TypedResults.Ok(switchboard.InForce().ToDictionary(fault => fault.Name, fault => fault.State(), StringComparer.OrdinalIgnoreCase));

    private static async Task<Results<Ok<FaultRule>, ValidationProblem, ProblemHttpResult>> SetAsync(
        HttpContext context, FaultSwitchboard switchboard, string name)
    {
        if (!FaultRuleValidator.IsName(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [FaultRuleValidator.NameMessage] }, title: "The request is invalid.");
        }

        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "A fault rule is sent as JSON.",
                detail: "Send the rule with Content-Type: application/json.");
        }

        FaultRule? rule;
        try
        {
            // The service's own JSON options, so the body is read as its endpoints read theirs (a NUL is refused alike).
            var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            rule = await context.Request.ReadFromJsonAsync<FaultRule>(json, context.RequestAborted);
        }
        catch (JsonException malformed)
        {
            var badRequest = new BadHttpRequestException("The request body is not a fault rule.", StatusCodes.Status400BadRequest, malformed);
            return TypedResults.ValidationProblem(MalformedRequestHandler.FieldErrorsOf(badRequest), detail: badRequest.Message, title: "The request is malformed.");
        }

        rule ??= new FaultRule();
        var validation = await context.RequestServices.GetRequiredService<IValidator<FaultRule>>().ValidateAsync(rule, context.RequestAborted);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.ToFieldErrors(), title: "The request is invalid.");
        }

        switchboard.Set(name, rule);
        return TypedResults.Ok(rule);
    }

    private static Results<NoContent, ProblemHttpResult> Remove(FaultSwitchboard switchboard, string name) =>
        switchboard.Remove(name) ? TypedResults.NoContent() : NoSuchSwitch(name);

    private static NoContent RemoveAll(FaultSwitchboard switchboard)
    {
        switchboard.RemoveAll();
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NoSuchSwitch(string name) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such fault switch.",
        detail: $"There is no fault switch named '{name}'.");

    private static ProblemHttpResult MethodNotAllowed(HttpContext context, string allowed)
    {
        context.Response.Headers.Allow = allowed;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status405MethodNotAllowed,
            title: "Method not allowed.",
            detail: $"{context.Request.PathBase}{context.Request.Path} answers {allowed}.");
    }
}
