using Commerce.Testing.Temporal.State;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Temporalio.Api.OperatorService.V1;

namespace Commerce.Testing.Temporal.Rpc;

/// <summary>
/// <c>temporal.api.operatorservice.v1.OperatorService</c>: registering and listing custom search attributes. Its other
/// RPCs answer UNIMPLEMENTED naming the RPC. Bound by hand like <see cref="WorkflowServiceEndpoint"/>.
/// </summary>
[BindServiceMethod(typeof(OperatorServiceEndpoint), nameof(BindService))]
#pragma warning disable CA1852 // Must stay unsealed: the gRPC binder requires virtual methods.
internal class OperatorServiceEndpoint(WorkflowEngine engine)
#pragma warning restore CA1852
{
    public const string ServiceName = "temporal.api.operatorservice.v1.OperatorService";

    private static readonly List<IMethod> BoundMethods = [];

    /// <summary>Paths of every RPC this service answers, e.g. <c>/temporal.api.operatorservice.v1.OperatorService/AddSearchAttributes</c>.</summary>
    public static IReadOnlySet<string> ImplementedPaths { get; } = CollectPaths();

    private static HashSet<string> CollectPaths()
    {
        BindService(new PathCollector(), null);
        return BoundMethods.Select(m => m.FullName).ToHashSet(StringComparer.Ordinal);
    }

    public static void BindService(ServiceBinderBase binder, OperatorServiceEndpoint? service)
    {
        Add<AddSearchAttributesRequest, AddSearchAttributesResponse>(binder, nameof(AddSearchAttributes));
        Add<ListSearchAttributesRequest, ListSearchAttributesResponse>(binder, nameof(ListSearchAttributes));
        _ = service;
    }

    private static void Add<TRequest, TResponse>(ServiceBinderBase binder, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = GrpcMethods.Unary<TRequest, TResponse>(ServiceName, name);
        // The handler delegate is unused: ASP.NET Core binds the method of the same name on this class instead.
        binder.AddMethod(method, (UnaryServerMethod<TRequest, TResponse>)null!);
        if (binder is PathCollector)
        {
            BoundMethods.Add(method);
        }
    }

    public virtual Task<AddSearchAttributesResponse> AddSearchAttributes(AddSearchAttributesRequest request, ServerCallContext context)
    {
        engine.AddSearchAttributes(request);
        return Task.FromResult(new AddSearchAttributesResponse());
    }

    public virtual Task<ListSearchAttributesResponse> ListSearchAttributes(ListSearchAttributesRequest request, ServerCallContext context) =>
        Task.FromResult(engine.ListSearchAttributes(request));

    /// <summary>Collects method descriptors only; used once to learn which paths this service answers.</summary>
    private sealed class PathCollector : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
        }
    }
}
