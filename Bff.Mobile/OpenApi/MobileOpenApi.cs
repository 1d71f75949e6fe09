using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Commerce.Bff.Mobile.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> is the contract mobile client teams build against (as
/// Bff.Mobile.Client is for .NET), so it is served in every environment and says what the endpoints alone do not:
/// the bearer token, the ETags every GET answers with, and the refusals the edge makes before any endpoint runs.
/// </summary>
public static class MobileOpenApi
{
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddMobileOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Commerce mobile BFF",
                    Version = "v1",
                    Description =
                        "One call per screen of the phone app, in compact JSON (camelCase; absent rather than null). Calls " +
                        "marked with the bearer scheme need an access token from Identity for the bff-mobile audience (scope " +
                        "bff-mobile). Every GET answers with a strong ETag; sent back in If-None-Match, an unchanged answer " +
                        "is a 304 without a body. Images are the URLs the screens give (/images/products/{id}?w=), SVG passed " +
                        "through from Catalog. Errors are RFC 9457 ProblemDetails; a business refusal carries a reason.",
                };
                // The document is served by the BFF it describes: its paths are relative to wherever it was read.
                document.Servers = [new OpenApiServer { Url = "/" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token Identity issued for the bff-mobile audience; a token for any other audience is a 401.",
                };
                return Task.CompletedTask;
            });
            openApi.AddOperationTransformer(DescribeEdgeAsync);
        });

    /// <summary>The document in every environment; its reader (Scalar) in Development, for people.</summary>
    public static WebApplication MapMobileOpenApi(this WebApplication app)
    {
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }

        return app;
    }

    private static async Task DescribeEdgeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        operation.Parameters ??= [];
        // Every operation says what it needs; an anonymous one, explicitly nothing (an empty list).
        operation.Security ??= [];
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized,
                "No access token, or one that is expired or not for bff-mobile (WWW-Authenticate says which).", cancellationToken);
        }

        if (HttpMethods.IsGet(description.HttpMethod ?? ""))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Description = "The ETag of the copy the app holds: 304 without a body when it is still current.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
            {
                okResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
                okResponse.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "A strong ETag of this answer, for If-None-Match.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }

            operation.Responses["304"] = new OpenApiResponse { Description = "The copy named by If-None-Match is still current." };
        }

        if (description.ParameterDescriptions.Any(parameter => parameter.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status413PayloadTooLarge, "The body is larger than any the app sends.", cancellationToken);
        }

        await AddProblemAsync(operation, context, StatusCodes.Status429TooManyRequests,
            "Too many calls from this customer (or, without a token, this IP address); retry after Retry-After seconds.", cancellationToken);
    }

    private static async Task AddProblemAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description, CancellationToken cancellationToken)
    {
        // The same ProblemDetails schema the endpoints' own problem responses refer to.
        await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);
        operation.Responses![status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), context.Document) },
            },
        };
    }
}
