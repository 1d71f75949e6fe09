using System.Net.Http.Json;
using Commerce.Bff.Mobile.Client;
using Commerce.Testing.Hostile;

namespace Commerce.Bff.Mobile.Tests.Apis;

/// <summary>
/// Generated malformed requests against every endpoint of the mobile BFF, anonymous and with a customer's token: no
/// answer may be a 5xx, every answer is a ProblemDetails, and none places an order. The body limit is probed through
/// Kestrel, which enforces it (the in-memory test server enforces none).
/// </summary>
public sealed class HostileInputTests(Downstream downstream)
{
    private const int BodyLimit = 32 * 1024;

    /// <summary>The bar: at least this many malformed requests, across every endpoint.</summary>
    private const int AtLeast = 1_000;

    [Fact]
    public async Task Malformed_requests_to_every_endpoint_anonymous_or_signed_in_are_4xx_problems_and_place_nothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var bff = new MobileBffFactory(downstream);
        await using var kestrel = OnKestrel(new MobileBffFactory(downstream));
        using var customer = await bff.SignInAsync();
        var anonymous = new HostileInputProbe(bff.CreateClient(), "Bff.Mobile");
        var signedIn = new HostileInputProbe(customer.Http, "Bff.Mobile");
        var bodyLimit = new HostileInputProbe(kestrel.CreateClient(), "Bff.Mobile");

        var catalogEndpoints = await CatalogEndpointsAsync(bff.CreateClient(), cancellationToken);
        foreach (var endpoint in catalogEndpoints)
        {
            await anonymous.ProbeAsync(endpoint, cancellationToken);
        }

        await ProbeBadCursorsAndIdsAsync(anonymous, cancellationToken);

        foreach (var endpoint in CustomerEndpoints(Guid.NewGuid().ToString(), customer))
        {
            await signedIn.ProbeAsync(endpoint, cancellationToken);
            await anonymous.ProbeAsync(endpoint with { OnlyRefusal = true, ValidStatus = 401, AssertNothingWritten = null }, cancellationToken);
        }

        await ProbeBadIdempotencyKeysAsync(signedIn, cancellationToken);
        Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId));

        // The order screens need an order of the customer's own; it is the one order this test places.
        var order = await downstream.PlaceOrderAsync(customer.CustomerId);
        foreach (var endpoint in OrderEndpoints(order.OrderId))
        {
            await signedIn.ProbeAsync(endpoint, cancellationToken);
            await anonymous.ProbeAsync(endpoint with { OnlyRefusal = true, ValidStatus = 401 }, cancellationToken);
        }

        await ProbeBadOrderIdsAndCursorsAsync(signedIn, cancellationToken);

        foreach (var endpoint in catalogEndpoints.Where(endpoint => endpoint.Body is not null))
        {
            await bodyLimit.ProbeBodyLimitAsync(endpoint, BodyLimit, cancellationToken);
        }

        HostileInputProbe.Report("Bff.Mobile", [anonymous, signedIn, bodyLimit]);
        var sent = anonymous.Sent + signedIn.Sent + bodyLimit.Sent;
        Assert.True(sent >= AtLeast, $"Only {sent} hostile requests were sent.");
        Assert.Equal(1, await downstream.CountOrdersAsync(customer.CustomerId));
    }

    /// <summary>The anonymous screens, each as a valid request; the search's cursor is a real one.</summary>
    private static async Task<IReadOnlyList<HostileEndpoint>> CatalogEndpointsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var firstPage = await client.GetFromJsonAsync<SearchPage>("/api/products?categoryId=1", cancellationToken);
        return
        [
            new("GET", "/api/home") { Headers = new Dictionary<string, string> { ["Accept-Language"] = "en-GB" }, ValidStatus = 200 },
            new("GET", "/api/products") { Query = new Dictionary<string, string> { ["cursor"] = firstPage!.Next!, ["categoryId"] = "1" }, ValidStatus = 200 },
            new("GET", "/api/products") { Query = new Dictionary<string, string> { ["q"] = "coffee" }, ValidStatus = 200 },
            new("GET", "/api/products/{id}") { Route = new Dictionary<string, string> { ["id"] = "1" }, ValidStatus = 200 },
            new("GET", "/images/products/{id}") { Route = new Dictionary<string, string> { ["id"] = "1" }, Query = new Dictionary<string, string> { ["w"] = "240" }, ValidStatus = 200 },
            .. CartBodies().Select(body => new HostileEndpoint("POST", "/api/cart/price") { Body = body, LeaveOutEachField = true, ValidStatus = 200 }),
        ];
    }

    /// <summary>
    /// Card saving and checkout, each as the valid request of a signed-in customer; the checkout's expected total is
    /// wrong, so that even its valid request places nothing, and the customer's orders are counted after each.
    /// </summary>
    private IEnumerable<HostileEndpoint> CustomerEndpoints(string checkoutKey, MobileCustomer customer)
    {
        yield return new HostileEndpoint("POST", "/api/payment-cards")
        {
            Body = """{"number":"4242 4242 4242 4242","expiryMonth":12,"expiryYear":2031,"cvc":"123"}""",
            LeaveOutEachField = true,
            ValidStatus = 201,
        };
        foreach (var items in new[] { 1, 12, 40 })
        {
            yield return new HostileEndpoint("POST", "/api/checkout")
            {
                Body = CheckoutBody(items),
                Headers = new Dictionary<string, string> { [MobileHeaders.IdempotencyKey] = $"{checkoutKey}-{items}" },
                // Each left out in turn: whatever is missing, the total is still wrong, so no variant may place anything.
                LeaveOutEachField = true,
                AssertNothingWritten = async _ => Assert.Equal(0, await downstream.CountOrdersAsync(customer.CustomerId)),
                ValidStatus = 409,
            };
        }
    }

    /// <summary>The orders screens, and cancellation last, since its valid request changes the order.</summary>
    private static IEnumerable<HostileEndpoint> OrderEndpoints(Guid orderId)
    {
        var order = new Dictionary<string, string> { ["id"] = orderId.ToString() };
        yield return new HostileEndpoint("GET", "/api/orders") { ValidStatus = 200 };
        yield return new HostileEndpoint("GET", "/api/orders/{id}") { Route = order, ValidStatus = 200 };
        // The reason is optional: no field is left out.
        yield return new HostileEndpoint("POST", "/api/orders/{id}/cancellation") { Route = order, Body = """{"reason":"Ordered the wrong size"}""", ValidStatus = 202 };
    }

    private static IEnumerable<string> CartBodies() =>
        new[] { 1, 2, 20, 50 }.Select(count => $$"""{"items":[{{string.Join(',', Enumerable.Range(1, count).Select(id => $$"""{"productId":{{id}},"quantity":{{id % 3 + 1}}}"""))}}]}""");

    /// <summary>A checkout of products 1..<paramref name="items"/>, its expected total deliberately wrong: no hostile variant may place it.</summary>
    private static string CheckoutBody(int items) => $$"""
        {"items":[{{string.Join(',', Enumerable.Range(1, items).Select(id => $$"""{"productId":{{id}},"quantity":1}"""))}}],
         "address":{"name":"Hostile Tester","line1":"1 Main Street","line2":"Flat 2","city":"Springfield","postalCode":"94105","country":"US"},
         "cardToken":"tok_0123456789abcdef0123456789abcdef","expectedTotal":0.01}
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

        foreach (var width in new[] { "0", "-1", "31", "1025", "wide", "1e3", new string('9', 400) })
        {
            await probe.ExpectAsync(
                new HostileEndpoint("GET", "/images/products/{id}") { Route = new Dictionary<string, string> { ["id"] = "1" }, Query = new Dictionary<string, string> { ["w"] = width } },
                $"bad width {width[..Math.Min(width.Length, 12)]}", null, null, cancellationToken);
        }

        foreach (var category in new[] { "0", "-1", "2147483648", "one" })
        {
            await probe.ExpectAsync(
                new HostileEndpoint("GET", "/api/products") { Query = new Dictionary<string, string> { ["categoryId"] = category } },
                $"bad category {category}", 400, null, cancellationToken);
        }
    }

    private static async Task ProbeBadOrderIdsAndCursorsAsync(HostileInputProbe probe, CancellationToken cancellationToken)
    {
        foreach (var cursor in new[] { "not-a-cursor", "AAAA", "////", "eyJ9", new string('Q', 3_000) })
        {
            await probe.ExpectAsync(
                new HostileEndpoint("GET", "/api/orders") { Query = new Dictionary<string, string> { ["cursor"] = cursor } },
                $"bad cursor {cursor[..Math.Min(cursor.Length, 12)]}", 400, "cursor", cancellationToken);
        }

        foreach (var id in new[] { "0", "1", "not-a-guid", "00000000-0000-0000-0000-00000000000g", "{" + Guid.NewGuid() + "}x" })
        {
            await probe.ExpectAsync(
                new HostileEndpoint("GET", "/api/orders/{id}") { Route = new Dictionary<string, string> { ["id"] = id } },
                $"bad order id {id}", null, null, cancellationToken);
        }

        // An order that is nobody's, or someone else's, is simply not found.
        await probe.ExpectAsync(
            new HostileEndpoint("GET", "/api/orders/{id}") { Route = new Dictionary<string, string> { ["id"] = Guid.NewGuid().ToString() } },
            "an order that does not exist", 404, null, cancellationToken);
    }

    private static async Task ProbeBadIdempotencyKeysAsync(HostileInputProbe probe, CancellationToken cancellationToken)
    {
        var checkout = new HostileEndpoint("POST", "/api/checkout") { Body = CheckoutBody(1) };
        await probe.ExpectAsync(checkout, "no Idempotency-Key", 400, MobileHeaders.IdempotencyKey, cancellationToken);
        foreach (var key in new[] { "", " ", "two words", "tab\tkey", "clé", "ключ", new string('k', 101), new string('k', 5_000), "\u007f" })
        {
            await probe.ExpectAsync(
                checkout with { Headers = new Dictionary<string, string> { [MobileHeaders.IdempotencyKey] = key } },
                $"Idempotency-Key {key[..Math.Min(key.Length, 12)]}", 400, MobileHeaders.IdempotencyKey, cancellationToken);
        }
    }

    private static MobileBffFactory OnKestrel(MobileBffFactory bff)
    {
        bff.UseKestrel(0);
        bff.StartServer();
        return bff;
    }
}
