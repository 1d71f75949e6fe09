using System.Net.Http.Json;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Testing.Hostile;

namespace Commerce.Bff.Web.Tests.Apis;

/// <summary>
/// Generated malformed requests against every <c>/api</c> endpoint, anonymous and signed in (with a valid antiforgery
/// token): no answer may be a 5xx, every answer is a ProblemDetails, and none places an order. The body limit is probed
/// through Kestrel, which enforces it (the in-memory test server enforces none); everything else in memory, since
/// Kestrel's own parser refuses a NUL in a header or an over-long URL before any middleware could write a ProblemDetails.
/// </summary>
public sealed class HostileInputTests(Downstream downstream)
{
    private const int BodyLimit = 64 * 1024;

    [Fact]
    public async Task Malformed_requests_to_every_api_endpoint_anonymous_or_signed_in_are_4xx_problems_and_place_nothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new BffFactory(downstream);
        await using var kestrel = OnKestrel(new BffFactory(downstream));
        using var customer = await bff.SignInAsync();
        var anonymous = new HostileInputProbe(bff.CreateClient(), "Bff.Web");
        var signedIn = new HostileInputProbe(customer.Http, "Bff.Web");
        var bodyLimit = new HostileInputProbe(kestrel.CreateClient(), "Bff.Web");

        var anonymousEndpoints = await AnonymousEndpointsAsync(bff.CreateClient(), cancellationToken);
        foreach (var endpoint in anonymousEndpoints)
        {
            await anonymous.ProbeAsync(endpoint, cancellationToken);
        }

        // The session screen answers anonymous callers too (signed out); every other one refuses them.
        foreach (var endpoint in SignedInEndpoints(Guid.NewGuid().ToString(), "no-session-no-token", customer).Where(endpoint => endpoint.Method == "POST"))
        {
            await anonymous.ProbeAsync(endpoint with { OnlyRefusal = true, ValidStatus = 401, AssertNothingWritten = null }, cancellationToken);
        }

        await ProbeBadCursorsAndIdsAsync(anonymous, cancellationToken);

        foreach (var endpoint in SignedInEndpoints(Guid.NewGuid().ToString(), customer.AntiforgeryToken, customer))
        {
            await signedIn.ProbeAsync(endpoint, cancellationToken);
        }

        await ProbeBadIdempotencyKeysAsync(signedIn, customer, cancellationToken);
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));

        // The order screens need an order of the customer's own; it is the one order this test places.
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);
        foreach (var endpoint in OrderEndpoints(order.OrderId, customer.AntiforgeryToken))
        {
            await signedIn.ProbeAsync(endpoint, cancellationToken);
            await anonymous.ProbeAsync(endpoint with { OnlyRefusal = true, ValidStatus = 401 }, cancellationToken);
        }

        await ProbeBadOrderCursorsAsync(signedIn, cancellationToken);

        foreach (var endpoint in anonymousEndpoints.Where(endpoint => endpoint.Body is not null))
        {
            await bodyLimit.ProbeBodyLimitAsync(endpoint, BodyLimit, cancellationToken);
        }

        HostileInputProbe.Report("Bff.Web", [anonymous, signedIn, bodyLimit]);
        Assert.Equal(1, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    /// <summary>The orders and notifications screens, and cancellation last, since its valid request changes the order.</summary>
    private static IEnumerable<HostileEndpoint> OrderEndpoints(Guid orderId, string antiforgeryToken)
    {
        var antiforgery = new Dictionary<string, string> { [StorefrontHeaders.AntiforgeryToken] = antiforgeryToken };
        var order = new Dictionary<string, string> { ["id"] = orderId.ToString() };
        yield return new HostileEndpoint("GET", "/api/orders") { Headers = antiforgery, ValidStatus = 200 };
        yield return new HostileEndpoint("GET", "/api/notifications") { Headers = antiforgery, ValidStatus = 200 };
        yield return new HostileEndpoint("GET", "/api/orders/{id}") { Route = order, Headers = antiforgery, ValidStatus = 200 };
        // The reason, and so the body, is optional: no field is left out, and no body at all is a valid request.
        yield return new HostileEndpoint("POST", "/api/orders/{id}/cancellation")
        {
            Route = order,
            Headers = antiforgery,
            Body = """{"reason":"Ordered the wrong size"}""",
            BodyOptional = true,
            ValidStatus = 200,
        };
    }

    private static async Task ProbeBadOrderCursorsAsync(HostileInputProbe probe, CancellationToken cancellationToken)
    {
        foreach (var path in new[] { "/api/orders", "/api/notifications" })
        {
            foreach (var cursor in new[] { "not-a-cursor", "AAAA", "////", "eyJ9", new string('Q', 3_000) })
            {
                await probe.ExpectAsync(
                    new HostileEndpoint("GET", path) { Query = new Dictionary<string, string> { ["cursor"] = cursor } },
                    $"bad cursor {cursor[..Math.Min(cursor.Length, 12)]}", 400, "cursor", cancellationToken);
            }
        }
    }

    /// <summary>The catalog and cart endpoints, each as a valid request; the catalog's cursor is a real one.</summary>
    private static async Task<IReadOnlyList<HostileEndpoint>> AnonymousEndpointsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var firstPage = await client.GetFromJsonAsync<ProductListScreen>("/api/products?pageSize=2", cancellationToken);
        return
        [
            new("GET", "/api/session") { Headers = new Dictionary<string, string> { ["Accept-Language"] = "en-GB" }, ValidStatus = 200 },
            new("GET", "/api/home") { Headers = new Dictionary<string, string> { ["Accept-Language"] = "en-GB" }, ValidStatus = 200 },
            new("GET", "/api/products")
            {
                Query = new Dictionary<string, string> { ["cursor"] = firstPage!.NextCursor!, ["pageSize"] = "2", ["categoryId"] = "1" },
                ValidStatus = 200,
            },
            new("GET", "/api/products") { Query = new Dictionary<string, string> { ["q"] = "coffee", ["pageSize"] = "3" }, ValidStatus = 200 },
            new("GET", "/api/products/{id}") { Route = new Dictionary<string, string> { ["id"] = "1" }, ValidStatus = 200 },
            .. CartBodies().Select(body => new HostileEndpoint("POST", "/api/cart/price")
            {
                Body = body,
                LeaveOutEachField = true,
                ValidStatus = 200,
            }),
        ];
    }

    /// <summary>
    /// The endpoints that need a session, each as the valid request of a signed-in customer; the checkout's expected total
    /// is wrong, so that even its valid request places nothing, and the customer's orders are counted after each.
    /// </summary>
    private IEnumerable<HostileEndpoint> SignedInEndpoints(string checkoutKey, string antiforgeryToken, SignedInCustomer customer)
    {
        var antiforgery = new Dictionary<string, string> { [StorefrontHeaders.AntiforgeryToken] = antiforgeryToken };
        yield return new HostileEndpoint("POST", "/api/payment-cards")
        {
            Body = """{"number":"4242 4242 4242 4242","expiryMonth":12,"expiryYear":2031,"cvc":"123"}""",
            Headers = antiforgery,
            LeaveOutEachField = true,
            ValidStatus = 201,
        };
        yield return new HostileEndpoint("GET", "/api/session") { Headers = antiforgery, ValidStatus = 200 };
        foreach (var items in new[] { 1, 12, 40 })
        {
            yield return new HostileEndpoint("POST", "/api/checkout")
            {
                Body = CheckoutBody(items),
                Headers = new Dictionary<string, string>(antiforgery) { [StorefrontHeaders.IdempotencyKey] = $"{checkoutKey}-{items}" },
                LeaveOutEachField = true,
                AssertNothingWritten = async _ => Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId)),
                ValidStatus = 409,
            };
        }
    }

    private static IEnumerable<string> CartBodies() =>
        new[] { 1, 2, 20, 50 }.Select(count => $$"""{"items":[{{string.Join(',', Enumerable.Range(1, count).Select(id => $$"""{"productId":{{id}},"quantity":{{id % 3 + 1}}}"""))}}]}""");

    /// <summary>A checkout of products 1..<paramref name="items"/>, its expected total deliberately wrong: no hostile variant may place it.</summary>
    private static string CheckoutBody(int items) => $$"""
        {"items":[{{string.Join(',', Enumerable.Range(1, items).Select(id => $$"""{"productId":{{id}},"quantity":1}"""))}}],
         "shippingAddress":{"name":"Hostile Tester","line1":"1 Main Street","city":"Springfield","postalCode":"94105","country":"US"},
         "paymentToken":"tok_0123456789abcdef0123456789abcdef","expectedTotal":0.01}
        """;

    private static async Task ProbeBadCursorsAndIdsAsync(HostileInputProbe probe, CancellationToken cancellationToken)
    {
        foreach (var cursor in new[] { "not-a-cursor", "AAAA", "////", "eyJ9", "%00", new string('Q', 3_000) })
        {
            await probe.ExpectAsync(
                new HostileEndpoint("GET", "/api/products") { Query = new Dictionary<string, string> { ["cursor"] = cursor } },
                $"bad cursor {cursor[..Math.Min(cursor.Length, 12)]}", 400, "cursor", cancellationToken);
        }

        foreach (var id in new[] { "0", "-1", "2147483648", "1.5", "1e3", "0x10", "1;1" })
        {
            await probe.ExpectAsync(
                new HostileEndpoint("GET", "/api/products/{id}") { Route = new Dictionary<string, string> { ["id"] = id } },
                $"bad product id {id}", null, null, cancellationToken);
        }
    }

    private static async Task ProbeBadIdempotencyKeysAsync(HostileInputProbe probe, SignedInCustomer customer, CancellationToken cancellationToken)
    {
        var checkout = new HostileEndpoint("POST", "/api/checkout")
        {
            Body = CheckoutBody(1),
            Headers = new Dictionary<string, string> { [StorefrontHeaders.AntiforgeryToken] = customer.AntiforgeryToken },
        };
        await probe.ExpectAsync(checkout, "no Idempotency-Key", 400, StorefrontHeaders.IdempotencyKey, cancellationToken);
        foreach (var key in new[] { "", " ", "two words", "tab\tkey", "clé", "ключ", new string('k', 101), new string('k', 5_000), "\u007f" })
        {
            await probe.ExpectAsync(
                checkout with { Headers = new Dictionary<string, string>(checkout.Headers) { [StorefrontHeaders.IdempotencyKey] = key } },
                $"Idempotency-Key {key[..Math.Min(key.Length, 12)]}", 400, StorefrontHeaders.IdempotencyKey, cancellationToken);
        }
    }


    private static BffFactory OnKestrel(BffFactory bff)
    {
        bff.UseKestrel(0);
        bff.StartServer();
        return bff;
    }
}
