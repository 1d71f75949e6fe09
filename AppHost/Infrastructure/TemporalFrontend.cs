using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.AppHost.Infrastructure;

/// <summary>
/// Whatever serves Temporal's gRPC API in this run (the dev server in a container, <c>temporal server start-dev</c>, or
/// the in-process test server): the resource to wait for and the endpoint the worker connects to.
/// </summary>
public sealed record TemporalFrontend(IResourceBuilder<IResourceWithEndpoints> Resource, EndpointReference Grpc)
{
    public const string GrpcEndpointName = "grpc";
    public const string UiEndpointName = "ui";

    /// <summary><c>host:port</c> of the gRPC endpoint: what Temporal's SDKs and CLI take as <c>TEMPORAL_ADDRESS</c>.</summary>
    public EndpointReferenceExpression Address => Grpc.Property(EndpointProperty.HostAndPort);
}

public static class TemporalFrontendExtensions
{
    /// <summary>
    /// Healthy once the frontend answers <c>grpc.health.v1.Health/Check</c> for the WorkflowService as SERVING, the
    /// check Temporal's SDKs make: then a worker waiting on it can connect.
    /// </summary>
    public static IResourceBuilder<T> WithTemporalHealthCheck<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEndpoints
    {
        var endpoint = builder.GetEndpoint(TemporalFrontend.GrpcEndpointName);
        var key = $"{builder.Resource.Name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddCheck(key, new WorkflowServiceServing(endpoint));
        return builder.WithHealthCheck(key);
    }

    /// <summary>
    /// The gRPC frontend and the Web UI, which every Temporal this AppHost runs has (the in-process server's is built
    /// from npm). gRPC is HTTP/2 without TLS; saying so lets a deployment target give it an HTTP/2 ingress. Not a page
    /// a browser can open, so the dashboard lists it with the resource's details rather than as a link.
    /// </summary>
    public static IResourceBuilder<T> WithTemporalEndpoints<T>(
        this IResourceBuilder<T> builder, int? grpcTargetPort = null, int? uiTargetPort = null)
        where T : IResourceWithEndpoints =>
        builder.WithHttpEndpoint(targetPort: grpcTargetPort, name: TemporalFrontend.GrpcEndpointName)
            .WithEndpoint(TemporalFrontend.GrpcEndpointName, endpoint => endpoint.Transport = "http2")
            .WithUrlForEndpoint(TemporalFrontend.GrpcEndpointName, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithHttpEndpoint(targetPort: uiTargetPort, name: TemporalFrontend.UiEndpointName)
            .WithUrlForEndpoint(TemporalFrontend.UiEndpointName, url => url.DisplayText = "Temporal UI");

    public static TemporalFrontend AsTemporalFrontend<T>(this IResourceBuilder<T> builder) where T : class, IResourceWithEndpoints =>
        new(builder, builder.GetEndpoint(TemporalFrontend.GrpcEndpointName));

    private sealed class WorkflowServiceServing(EndpointReference endpoint) : IHealthCheck
    {
        private const string WorkflowService = "temporal.api.workflowservice.v1.WorkflowService";

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var channel = GrpcChannel.ForAddress(endpoint.Url);
            var response = await new Health.HealthClient(channel).CheckAsync(
                new HealthCheckRequest { Service = WorkflowService }, cancellationToken: cancellationToken);
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, $"the frontend reports {response.Status}");
        }
    }
}
