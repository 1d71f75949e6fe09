extern alias bffmobile;

using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Commerce.Bff.Mobile.Client;
using Commerce.Testing;

namespace Commerce.Bff.Mobile.Tests.PayloadSizes;

/// <summary>
/// The same screens of the same data from both BFFs, weighed as they leave the server (raw JSON) and as gzip would
/// carry them: the mobile BFF exists to send a phone less. The table goes to the test output and to
/// <c>.test-results/mobile-payload-sizes.md</c>.
/// </summary>
public sealed class PayloadSizeTests(Downstream downstream)
{
    private const string SearchWords = "classic";
    private const int ProductId = 1;

    private static readonly PriceCartRequest Cart = new([new(1, 2), new(5, 1), new(9, 3)]);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_mobile_screen_is_smaller_than_the_web_one_for_the_same_data_raw_and_gzipped()
    {
        await using var mobile = new MobileBffFactory(downstream);
        await using var web = new WebBffFactory(downstream);
        var account = await downstream.Identity.RegisterCustomerAsync();
        using var browser = new SiteBrowser(new Dictionary<string, HttpMessageHandler> { [IdentityService.Authority.Host] = downstream.Identity.Server.CreateHandler() });
        var tokens = await CodeFlow.SignInAsync(browser, IdentityClient.Mobile, account);
        using var phone = mobile.CreateClient(tokens.AccessToken);
        using var storefront = await web.SignInAsync(account);
        for (var order = 0; order < 3; order++)
        {
            await downstream.PlaceOrderAsync(account.Id);
        }

        var orderId = (await phone.GetFromJsonAsync<OrdersScreen>("/api/orders", Cancellation))!.Items[0].Id;
        // The web BFF pages as Catalog does unless told; the same page size as the phone's, so both weigh the same products.
        var pageSize = bffmobile::Commerce.Bff.Mobile.Screens.CatalogScreens.PageSize;
        (string Screen, string Path)[] reads =
        [
            ("home", "/api/home"),
            ("search", $"/api/products?q={SearchWords}"),
            ("product", $"/api/products/{ProductId}"),
            ("orders", "/api/orders"),
            ("order", $"/api/orders/{orderId}"),
        ];

        var rows = new List<Row>();
        foreach (var (screen, path) in reads)
        {
            var webPath = screen == "search" ? $"{path}&pageSize={pageSize}" : path;
            rows.Add(new Row(screen, await ReadAsync(storefront.Http, HttpMethod.Get, webPath), await ReadAsync(phone, HttpMethod.Get, path)));
        }

        rows.Add(new Row("cart", await ReadAsync(storefront.Http, HttpMethod.Post, "/api/cart/price", Cart), await ReadAsync(phone, HttpMethod.Post, "/api/cart/price", Cart)));

        var table = Table(rows);
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        await File.WriteAllTextAsync(Path.Combine(TestResults.Reports, "mobile-payload-sizes.md"), table, Cancellation);
        foreach (var row in rows)
        {
            Assert.True(row.Mobile.Raw < row.Web.Raw, $"{row.Screen}: mobile {row.Mobile.Raw} bytes, web {row.Web.Raw}");
            Assert.True(row.Mobile.Gzipped < row.Web.Gzipped, $"{row.Screen} gzipped: mobile {row.Mobile.Gzipped} bytes, web {row.Web.Gzipped}");
        }
    }

    private static async Task<Weight> ReadAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request, Cancellation);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"{method} {client.BaseAddress}{path.TrimStart('/')}: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        Assert.Empty(response.Content.Headers.ContentEncoding);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(bytes, Cancellation);
        }

        using var json = JsonDocument.Parse(bytes);
        return new Weight(bytes.Length, (int)compressed.Length, ItemsOf(json.RootElement));
    }

    /// <summary>How many things the screen lists (products, orders, lines), so the table says when the two show different amounts.</summary>
    private static int? ItemsOf(JsonElement screen) =>
        new[] { "featured", "items", "lines", "products", "orders" }
            .Select(name => screen.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : (int?)null)
            .FirstOrDefault(count => count is not null);

    private static string Table(IReadOnlyList<Row> rows)
    {
        var table = new StringBuilder();
        table.AppendLine("Bytes of each screen's JSON body for the same customer and catalog, as each BFF sends it (raw) and gzip'd (optimal level). The home screens differ in what they feature (the web shows more tiles).");
        table.AppendLine();
        table.AppendLine("| screen | items (web / mobile) | web raw | mobile raw | web gzip | mobile gzip | mobile / web (raw, gzip) |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Screen} | {row.Web.Items?.ToString(CultureInfo.InvariantCulture) ?? "-"} / {row.Mobile.Items?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {row.Web.Raw} B | {row.Mobile.Raw} B | {row.Web.Gzipped} B | {row.Mobile.Gzipped} B | {Percent(row.Mobile.Raw, row.Web.Raw)}, {Percent(row.Mobile.Gzipped, row.Web.Gzipped)} |");
        }

        return table.ToString();
    }

    private static string Percent(int part, int whole) => (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + " %";

    private sealed record Weight(int Raw, int Gzipped, int? Items);

    private sealed record Row(string Screen, Weight Web, Weight Mobile);
}
