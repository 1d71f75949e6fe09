using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Commerce.Testing;

namespace Commerce.Shipping.Tests.Apis;

/// <summary>Every client mistake is a 400 ProblemDetails whose errors name the field, for quotes and creates alike, and writes nothing.</summary>
public sealed class ValidationTests(ShippingApiFactory factory) : IClassFixture<ShippingApiFactory>
{
    private const string ValidBody = """
        {
          "address": {
            "recipientName": "Ada Lovelace", "line1": "1 Market Street", "line2": "Suite 300",
            "city": "San Francisco", "postalCode": "94105", "country": "US"
          },
          "lines": [ { "productId": 12, "quantity": 2 }, { "productId": 7, "quantity": 1 } ]
        }
        """;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> BadBodies()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var endpoint in new[] { "quote", "create" })
        {
            void Add(string field, Action<JsonObject> change)
            {
                var body = JsonNode.Parse(ValidBody)!.AsObject();
                change(body);
                data.Add(endpoint, body.ToJsonString(), field);
            }

            JsonObject Address(JsonObject body) => body["address"]!.AsObject();
            JsonObject Line(JsonObject body, int index) => body["lines"]![index]!.AsObject();

            Add("address", body => body.Remove("address"));
            Add("address", body => body["address"] = null);
            Add("address.recipientName", body => Address(body)["recipientName"] = " ");
            Add("address.recipientName", body => Address(body)["recipientName"] = new string('a', 101));
            Add("address.line1", body => Address(body).Remove("line1"));
            Add("address.line1", body => Address(body)["line1"] = new string('a', 101));
            Add("address.line2", body => Address(body)["line2"] = new string('a', 101));
            Add("address.city", body => Address(body)["city"] = "");
            Add("address.postalCode", body => Address(body)["postalCode"] = "");
            Add("address.postalCode", body => Address(body)["postalCode"] = "941#05");
            Add("address.postalCode", body => Address(body)["postalCode"] = "12345678901");
            Add("address.postalCode", body => Address(body)["postalCode"] = "SW1A  1AA");
            Add("address.country", body => Address(body)["country"] = "");
            Add("address.country", body => Address(body)["country"] = "us");
            Add("address.country", body => Address(body)["country"] = "USA");
            Add("address.country", body => Address(body)["country"] = "UK");
            Add("address.country", body => Address(body)["country"] = 1);
            Add("lines", body => body.Remove("lines"));
            Add("lines", body => body["lines"] = new JsonArray());
            Add("lines", body => body["lines"] = new JsonArray(
                Enumerable.Range(1, 51).Select(id => (JsonNode?)new JsonObject { ["productId"] = id, ["quantity"] = 1 }).ToArray()));
            Add("lines[0]", body => body["lines"]![0] = null);
            Add("lines[0].productId", body => Line(body, 0)["productId"] = 0);
            Add("lines[1].productId", body => Line(body, 1).Remove("productId"));
            Add("lines[0].quantity", body => Line(body, 0)["quantity"] = 0);
            Add("lines[0].quantity", body => Line(body, 0)["quantity"] = -1);
            Add("lines[1].quantity", body => Line(body, 1)["quantity"] = 1000);
            Add("lines[0].quantity", body => Line(body, 0)["quantity"] = "two");
            Add("lines[0].quantity", body => Line(body, 0)["quantity"] = 1.5);
            Add("lines[1].productId", body => Line(body, 1)["productId"] = 12);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_parcel_is_a_400_naming_the_field_and_writes_nothing(string endpoint, string body, string field)
    {
        using var client = factory.CreateClient();
        var orderId = Guid.NewGuid();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = endpoint == "quote"
            ? await client.PostAsync("/quotes", content, Cancellation)
            : await client.PutAsync($"/shipments/{orderId}", content, Cancellation);

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
        Assert.Equal((0, 0, 0), await factory.CountRowsAsync(orderId, Cancellation));
    }

    [Fact]
    public async Task The_valid_body_the_bad_ones_start_from_is_accepted()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent(ValidBody, Encoding.UTF8, "application/json");

        var response = await client.PutAsync($"/shipments/{Guid.NewGuid()}", content, Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Every_mistake_in_a_body_is_reported_at_once()
    {
        using var client = factory.CreateClient();
        const string body = """{ "address": { "recipientName": "", "line1": "x", "city": "x", "postalCode": "1", "country": "ZZ" }, "lines": [ { "productId": 1, "quantity": 0 } ] }""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await client.PostAsync("/quotes", content, Cancellation);

        var errors = await ErrorsAsync(response);
        Assert.Equivalent(new[] { "address.recipientName", "address.country", "lines[0].quantity" }, errors);
    }

    public static TheoryData<string, string> BadOrderIds => new()
    {
        { "PUT", "/shipments/not-an-order" },
        { "PUT", $"/shipments/{Guid.Empty}" },
        { "GET", "/shipments/not-an-order" },
        { "GET", $"/shipments/{Guid.Empty}" },
        { "POST", "/shipments/12345/cancel" },
        { "POST", $"/shipments/{Guid.Empty}/cancel" },
        { "POST", "/shipments/12345/dispatch" },
        { "POST", $"/shipments/{Guid.Empty}/dispatch" },
    };

    [Theory]
    [MemberData(nameof(BadOrderIds))]
    public async Task An_order_id_that_is_not_one_is_a_400_naming_it(string method, string url)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method == "PUT" ? new StringContent(ValidBody, Encoding.UTF8, "application/json") : null,
        };

        var response = await client.SendAsync(request, Cancellation);

        await ProblemAssert.NamesFieldAsync(response, "orderId", Cancellation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ not json")]
    [InlineData("[]")]
    public async Task A_body_that_is_not_a_parcel_is_a_400(string body)
    {
        using var client = factory.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await client.PostAsync("/quotes", content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<IReadOnlyList<string>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
    }
}
