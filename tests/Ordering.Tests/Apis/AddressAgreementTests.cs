using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Ordering.Contracts;
using Commerce.Shipping.Contracts;

namespace Commerce.Ordering.Tests.Apis;

/// <summary>
/// Whatever address Ordering accepts, Shipping accepts when the saga sends it on; and what Ordering refuses, Shipping
/// refuses in the same way, naming the same field. Each address goes through both services' HTTP APIs: Ordering's
/// place-order and Shipping's quote (the same validation and carrier rules as its create-shipment).
/// </summary>
public sealed class AddressAgreementTests(OrderingApiFactory ordering, ShippingHost shipping)
    : IClassFixture<OrderingApiFactory>, IClassFixture<ShippingHost>
{
    private static readonly OrderAddress Valid = Orders.Address;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The edges of every rule, the issue's <c>ZZ</c> among them.</summary>
    public static TheoryData<string, OrderAddress> Edges => new()
    {
        { "valid", Valid },
        { "no line2", Valid with { Line2 = null } },
        { "unassigned country ZZ", Valid with { Country = "ZZ" } },
        { "UK for GB", Valid with { Country = "UK" } },
        { "user-assigned XK", Valid with { Country = "XK" } },
        { "lower-case country", Valid with { Country = "gb" } },
        { "three-letter country", Valid with { Country = "GBR" } },
        { "unserved country", Valid with { Country = "KP" } },
        { "embargoed country", Valid with { Country = "CU" } },
        { "post-office box", Valid with { Line1 = "PO Box 12" } },
        { "Postfach in line2", Valid with { Country = "DE", PostalCode = "10117", Line2 = "Postfach 10 20 30" } },
        { "street like a box", Valid with { Line1 = "12 Box Hill Road" } },
        { "name of 100", Valid with { Name = new string('n', 100) } },
        { "name of 101", Valid with { Name = new string('n', 101) } },
        { "blank city", Valid with { City = "   " } },
        { "postal code of 10", Valid with { PostalCode = "94105-1234" } },
        { "postal code of 11", Valid with { PostalCode = "94105-12345" } },
        { "postal code with two spaces", Valid with { PostalCode = "SW1A  1AA" } },
        { "postal code with a slash", Valid with { PostalCode = "SW1A/1AA" } },
        { "letters beyond ASCII", Valid with { Name = "Zoë Ångström", City = "Zürich", Country = "CH", PostalCode = "8001" } },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task Ordering_and_Shipping_agree_on_each_edge_of_the_address_rules(string edge, OrderAddress address)
    {
        var (ordering, shipping) = await AskBothAsync(address);

        Assert.True(ordering.Agrees(shipping), $"{edge}: Ordering {ordering}, Shipping {shipping}");
    }

    [Fact]
    public async Task Ordering_and_Shipping_agree_on_a_sample_of_random_addresses()
    {
        // A fixed seed: a disagreement found once is found again, and printed with the address.
        const int Samples = 200;
        var random = new Random(12);
        var accepted = 0;
        for (var sample = 0; sample < Samples; sample++)
        {
            var address = RandomAddress(random);

            var (ordering, shipping) = await AskBothAsync(address);

            Assert.True(ordering.Agrees(shipping), $"{JsonSerializer.Serialize(address)}: Ordering {ordering}, Shipping {shipping}");
            accepted += ordering.Accepted ? 1 : 0;
        }

        // The sample exercises both sides of the rules, not only refusals.
        Assert.InRange(accepted, Samples / 5, Samples * 4 / 5);
    }

    [Fact]
    public async Task An_order_to_country_ZZ_is_refused_with_a_400_naming_the_country_and_nothing_is_placed()
    {
        var customer = Orders.NewCustomer();

        var response = await PlaceAsync(customer, Valid with { Country = "ZZ" });

        await Commerce.Testing.ProblemAssert.NamesFieldAsync(response, "shippingAddress.country", Cancellation);
        Assert.Equal(0, await ordering.ScalarAsync<long>("SELECT count(*) FROM orders WHERE customer_id = @customer", new { customer }));
    }

    [Fact]
    public async Task An_order_to_an_address_the_carrier_refuses_is_a_422_naming_the_field_and_nothing_is_placed()
    {
        var customer = Orders.NewCustomer();

        var response = await PlaceAsync(customer, Valid with { Line2 = "P.O. Box 7" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(OrderingRefusalReasons.AddressUndeliverable, problem.RootElement.GetProperty("reason").GetString());
        Assert.Equal("shippingAddress.line2", problem.RootElement.GetProperty("field").GetString());
        Assert.Equal(0, await ordering.ScalarAsync<long>("SELECT count(*) FROM orders WHERE customer_id = @customer", new { customer }));
    }

    private async Task<(Answer Ordering, Answer Shipping)> AskBothAsync(OrderAddress address)
    {
        var placed = await PlaceAsync(Orders.NewCustomer(), address);
        // The address as the saga hands it to Shipping (Workflows' OrderSaga.ToShippingAddress): field for field.
        var quote = new QuoteRequest(
            new ShippingAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            [new ShipmentLine(1, 1)]);
        var quoted = await shipping.CreateClient().PostAsJsonAsync("/quotes", quote, Cancellation);
        return (await Answer.OfAsync(placed, "shippingAddress"), await Answer.OfAsync(quoted, "address"));
    }

    private async Task<HttpResponseMessage> PlaceAsync(string customer, OrderAddress address)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = JsonContent.Create(Orders.Request((1, 1)) with { ShippingAddress = address }),
        };
        message.Headers.Add(Api.Apis.OrderHeaders.CustomerId, customer);
        message.Headers.Add(Api.Apis.OrderHeaders.IdempotencyKey, Orders.NewKey());
        return await ordering.CreateClient().SendAsync(message, Cancellation);
    }

    /// <summary>
    /// Each part mostly drawn from values that pass, sometimes from values that break a rule (or pass it narrowly), so
    /// the samples mix accepted and refused addresses.
    /// </summary>
    private static OrderAddress RandomAddress(Random random)
    {
        string Text(int length) => new(Enumerable.Range(0, length).Select(_ => "abcdefgh ijklmnopqrstuvwxyzÄéß-.,'0123456789"[random.Next(44)]).ToArray());
        string Pick(string[] passing, string[] breaking) =>
            random.Next(8) == 0 ? breaking[random.Next(breaking.Length)] : passing[random.Next(passing.Length)];

        return new OrderAddress(
            Pick(["Ada Lovelace", "Zoë", Text(random.Next(1, 101))], ["", " ", Text(random.Next(101, 110))]),
            Pick(["12 Analytical Row", "1 Post Office Square", Text(random.Next(1, 101))], ["PO Box 9", "", Text(random.Next(101, 110))]),
            random.Next(3) == 0 ? null : Pick(["Flat 3", "", Text(random.Next(1, 101))], ["Postfach 12", Text(random.Next(101, 110))]),
            Pick(["London", "Zürich", Text(random.Next(1, 101))], ["", Text(random.Next(101, 110))]),
            Pick(["SW1A 1AA", "94105", "94105-1234", "10117", "A"], ["", "SW1A  1AA", "-123", "94105-12345", "ÄB 12"]),
            Pick(["GB", "US", "DE", "CH", "JP", "AX"], ["KP", "SY", "AQ", "ZZ", "UK", "XK", "us", "", "GBR"]));
    }

    /// <summary>How a service answered: accepted, or refused with a status and the address fields it named.</summary>
    private sealed record Answer(HttpStatusCode Status, bool Accepted, IReadOnlyList<string> Fields)
    {
        public static async Task<Answer> OfAsync(HttpResponseMessage response, string addressField)
        {
            var accepted = response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK;
            var fields = new List<string>();
            if (!accepted)
            {
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
                var named = problem.RootElement.TryGetProperty("errors", out var errors)
                    ? errors.EnumerateObject().Select(error => error.Name)
                    : problem.RootElement.TryGetProperty("field", out var field) ? [field.GetString()!] : [];
                // The two records name the recipient differently (name, recipientName); every other field alike.
                fields.AddRange(named
                    .Select(name => name.StartsWith(addressField, StringComparison.Ordinal) ? name[addressField.Length..] : name)
                    .Select(name => name == ".recipientName" ? ".name" : name)
                    .Order(StringComparer.Ordinal));
            }

            return new(accepted ? HttpStatusCode.OK : response.StatusCode, accepted, fields);
        }

        public bool Agrees(Answer other) => Status == other.Status && Fields.SequenceEqual(other.Fields);

        public override string ToString() => Accepted ? "accepted" : $"{(int)Status} [{string.Join(", ", Fields)}]";
    }
}
