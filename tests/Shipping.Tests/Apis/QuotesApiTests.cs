using Commerce.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Shipping.Contracts;

namespace Commerce.Shipping.Tests.Apis;

public sealed class QuotesApiTests(ShippingApiFactory factory) : IClassFixture<ShippingApiFactory>
{
    private readonly IShippingApi _shipping = factory.CreateShippingClient();
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_domestic_parcel_is_quoted_by_the_tariff()
    {
        var response = await _shipping.QuoteAsync(Parcels.Quote(Parcels.Domestic, [new(12, 2), new(7, 1)]), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new ShippingQuote(ShippingZone.Domestic, 6.97m, "USD", 3), response.Content);
    }

    [Fact]
    public async Task A_parcel_abroad_is_quoted_by_its_zone()
    {
        var response = await _shipping.QuoteAsync(Parcels.Quote(Parcels.German, [new(3, 1)]), Cancellation);

        Assert.Equal(new ShippingQuote(ShippingZone.Europe, 14.99m, "USD", 7), response.Content);
    }

    [Fact]
    public async Task A_quote_reads_as_plain_JSON_with_the_zone_by_name()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/quotes", Parcels.Quote(Parcels.German with { Country = "CA" }), Cancellation);

        using var quote = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("north-america", quote.RootElement.GetProperty("zone").GetString());
        Assert.Equal(13.97m, quote.RootElement.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task Quoting_the_same_parcel_twice_gives_the_same_quote()
    {
        var first = await _shipping.QuoteAsync(Parcels.Quote(), Cancellation);
        var second = await _shipping.QuoteAsync(Parcels.Quote(), Cancellation);

        Assert.Equal(first.Content, second.Content);
    }

    [Theory]
    [InlineData("KP", null, "address.country")]
    [InlineData("US", "PO Box 42", "address.line1")]
    public async Task An_undeliverable_address_is_a_422_with_the_reason_and_the_field(string country, string? line1, string field)
    {
        var address = Parcels.Domestic with { Country = country, Line1 = line1 ?? Parcels.Domestic.Line1 };

        var response = await _shipping.QuoteAsync(Parcels.Quote(address), Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ShippingRefusalReasons.AddressUndeliverable, problem.Extensions["reason"].ToString());
        Assert.Equal(field, problem.Extensions["field"].ToString());
        Assert.Equal(422, problem.Status);
    }
}
