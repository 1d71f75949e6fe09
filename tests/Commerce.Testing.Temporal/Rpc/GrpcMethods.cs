using Google.Protobuf;
using Grpc.Core;

namespace Commerce.Testing.Temporal.Rpc;

/// <summary>
/// gRPC method descriptors built by hand: the Temporalio package ships Temporal's message types but no service base
/// classes, so each RPC is described here from its full service name and its two message types.
/// </summary>
internal static class GrpcMethods
{
    public static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string serviceName, string methodName)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(MethodType.Unary, serviceName, methodName, MarshallerFor<TRequest>(), MarshallerFor<TResponse>());

    private static Marshaller<T> MarshallerFor<T>()
        where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
    }
}
