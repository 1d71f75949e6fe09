namespace Commerce.Bench.Load;

/// <summary>One request of a load target's cycle; the JSON body, if any, is sent as application/json.</summary>
internal sealed record LoadRequest(HttpMethod Method, string PathAndQuery, string? JsonBody = null);

/// <summary>
/// One kind of request the load is made of: the generators send its requests in turn, round and round, so no two in
/// a row are alike (the demo catalog's 240 products, say, or the 12 pages that list them).
/// </summary>
internal sealed record LoadTarget(string Name, Uri BaseAddress, IReadOnlyList<LoadRequest> Requests)
{
    public HttpRequestMessage Message(LoadRequest request) => new(request.Method, new Uri(BaseAddress, request.PathAndQuery))
    {
        Content = request.JsonBody is { } body ? new StringContent(body, System.Text.Encoding.UTF8, "application/json") : null,
    };
}
