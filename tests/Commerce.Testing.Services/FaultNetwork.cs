using System.Collections.Concurrent;
using System.Net;

namespace Commerce.Testing.Services;

/// <summary>What a downstream service does to the BFF's requests in a test.</summary>
public enum Fault
{
    /// <summary>Answers every request with a 500.</summary>
    Failing,

    /// <summary>Answers, but only after far longer than any budget of the BFF.</summary>
    Slow,

    /// <summary>Refuses every connection, as a stopped service does.</summary>
    Stopped,
}

/// <summary>
/// The network between a BFF under test and <see cref="Downstream"/>'s services, by host name (<c>catalog</c>, …): a test
/// makes any service fail, slow down or stop with <see cref="Faults"/>, and counts the requests each service receives.
/// A BFF factory puts <see cref="CreateHandler"/> as the innermost handler of every client, so resilience and everything
/// else above it run as in production.
/// </summary>
public sealed class FaultNetwork(Downstream downstream)
{
    /// <summary>Far beyond the test budgets of a BFF, and beyond any budget a screen could afford.</summary>
    public static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, int> _requests = new();

    public ConcurrentDictionary<string, Fault> Faults { get; } = new();

    public int RequestsTo(string service) => _requests.GetValueOrDefault(service);

    public HttpMessageHandler CreateHandler() => new Network(this, downstream);

    private sealed class Network(FaultNetwork network, Downstream downstream) : HttpMessageHandler
    {
        private readonly ConcurrentDictionary<string, HttpMessageInvoker> _services = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var host = request.RequestUri!.Host;
            network._requests.AddOrUpdate(host, 1, (_, count) => count + 1);
            switch (network.Faults.TryGetValue(host, out var fault) ? fault : (Fault?)null)
            {
                case Fault.Failing:
                    return new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request };
                case Fault.Stopped:
                    throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connection refused ({host})");
                case Fault.Slow:
                    await Task.Delay(SlowAnswer, cancellationToken);
                    break;
            }

            var service = _services.GetOrAdd(host, name => new HttpMessageInvoker(downstream.HandlerFor(name)));
            return await service.SendAsync(request, cancellationToken);
        }
    }
}
