using System.Net;
using Commerce.Catalog.Contracts;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Commerce.Ordering.Api.Data;

/// <summary>Catalog's products for an order, in one batch call; null when Catalog cannot answer right now.</summary>
public sealed partial class CatalogPrices(ICatalogApi catalog, ILogger<CatalogPrices> logger)
{
    public async Task<IReadOnlyList<ProductDto>?> GetProductsAsync(IReadOnlyCollection<int> productIds, CancellationToken cancellationToken)
    {
        try
        {
            return await catalog.GetProductsByIdsAsync(productIds, cancellationToken);
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            // The resilience handler already retried: the caller answers 503 so that the BFF backs off too.
            LogCatalogUnavailable(exception);
            return null;
        }
    }

    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ApiException { StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests } => true,
        HttpRequestException or TimeoutRejectedException or BrokenCircuitException => true,
        // A timeout of the client, not the caller giving up.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        // Refit wraps a failed send (ApiRequestException) around the HttpRequestException.
        _ => exception.InnerException is { } inner && IsUnavailable(inner, cancellationToken),
    };

    [LoggerMessage(LogLevel.Warning, "Catalog is unavailable; the order cannot be priced")]
    private partial void LogCatalogUnavailable(Exception exception);
}
