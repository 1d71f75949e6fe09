using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Commerce.Testing.Hostile;

/// <summary>
/// Sends hostile variants of valid requests to a service and judges every answer: below 500, a ProblemDetails, and,
/// where the input has one right answer (a NUL, an unknown charset, the empty GUID), that status naming the field.
/// Every request is judged before the test fails, so one run lists every endpoint that misbehaves; the count of
/// requests sent is written to the test output.
/// </summary>
public sealed class HostileInputProbe(HttpClient client, string service)
{
    private const string JsonMediaType = "application/json";
    private const int LargeBodyBytes = 1024;

    private readonly List<string> _violations = [];

    public int Sent { get; private set; }

    public int ServerErrors { get; private set; }

    public async Task ProbeAsync(HostileEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Body is { } body)
        {
            await ProbeBodyAsync(endpoint, body, cancellationToken);
        }

        foreach (var (name, value) in endpoint.Query)
        {
            await ExpectAsync(endpoint with { Query = With(endpoint.Query, name, value.Insert(value.Length / 2, "\0")) }, $"NUL inside query {name}", 400, name, cancellationToken);
            await ExpectAsync(endpoint with { Query = With(endpoint.Query, name, value + "\0") }, $"trailing NUL in query {name}", 400, name, cancellationToken);
            await ExpectAsync(endpoint with { Query = With(endpoint.Query, name, new string('9', JsonVariants.OversizedLength / 10)) }, $"oversized query {name}", null, null, cancellationToken);
        }

        foreach (var (name, value) in endpoint.Route)
        {
            // A NUL cannot be sent in a path: the server's URL decoder refuses it (tests/ServiceDefaults.Tests shows Kestrel's 400).
            if (Guid.TryParse(value, out _))
            {
                await ExpectAsync(endpoint with { Route = With(endpoint.Route, name, Guid.Empty.ToString()) }, $"empty GUID for {name}", 400, name, cancellationToken);
            }

            if (Guid.TryParse(value, out _) || int.TryParse(value, out _))
            {
                await ExpectAsync(endpoint with { Route = With(endpoint.Route, name, "not-an-id") }, $"not an id for {name}", null, null, cancellationToken);
            }

            await ExpectAsync(endpoint with { Route = With(endpoint.Route, name, new string('7', 2_000)) }, $"oversized {name}", null, null, cancellationToken);
        }

        foreach (var (name, value) in endpoint.Headers)
        {
            await ExpectAsync(endpoint with { Headers = With(endpoint.Headers, name, value + "\0") }, $"trailing NUL in header {name}", 400, name, cancellationToken);
        }

        if (endpoint.AssertNothingWritten is { } assertNothingWritten)
        {
            try
            {
                await assertNothingWritten(cancellationToken);
            }
            catch (Exception exception) when (_violations.Count > 0)
            {
                // The answers judged wrong so far are likely what wrote something: say which they were.
                throw new InvalidOperationException($"{endpoint}: a hostile request left a trace. Wrong answers so far:\n{string.Join('\n', _violations)}", exception);
            }
        }

        if (endpoint.ValidStatus is { } validStatus)
        {
            using var response = await client.SendAsync(Build(endpoint, Json(endpoint.Body)), cancellationToken);
            Assert.True((int)response.StatusCode == validStatus,
                $"{endpoint}: the valid request answered {(int)response.StatusCode}, not {validStatus}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>
    /// Sends the endpoint's body grown just beyond <paramref name="limit"/> bytes (each string, each array in turn), which
    /// must be refused with 413, and grown to just under it, too long for any field, which must be refused with some 4xx.
    /// Only through a server that enforces a body limit (Kestrel; the in-memory test server enforces none).
    /// </summary>
    public async Task ProbeBodyLimitAsync(HostileEndpoint endpoint, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var body = endpoint.Body ?? throw new ArgumentException("The endpoint takes no body.", nameof(endpoint));
        foreach (var variant in JsonVariants.GrownToSize(body, limit + 1024))
        {
            await ExpectAsync(endpoint, $"{variant.Change} (beyond the limit) at {variant.Field}", 413, null, cancellationToken, Json(variant.Json));
        }

        foreach (var variant in JsonVariants.GrownToSize(body, limit - 1))
        {
            await ExpectAsync(endpoint, $"{variant.Change} (just under the limit) at {variant.Field}", null, null, cancellationToken, Json(variant.Json));
        }
    }

    /// <summary>Writes one line for several probes of the same service (through different clients), then fails if any answer was wrong.</summary>
    public static void Report(string service, IReadOnlyList<HostileInputProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var sent = probes.Sum(probe => probe.Sent);
        var violations = probes.SelectMany(probe => probe._violations).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{service} hostile input: {sent} requests, {probes.Sum(probe => probe.ServerErrors)} responses >= 500");
        Assert.True(sent > 0, "No hostile request was sent.");
        Assert.True(violations.Count == 0, $"{violations.Count} of {sent} hostile requests were answered wrongly:\n" + string.Join('\n', violations));
    }

    /// <summary>Writes <c>{service} hostile input: N requests, M responses &gt;= 500</c> to the test output, then fails if any answer was wrong.</summary>
    public void Report()
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"{service} hostile input: {Sent} requests, {ServerErrors} responses >= 500");
        Assert.True(Sent > 0, "No hostile request was sent.");
        Assert.True(_violations.Count == 0, $"{_violations.Count} of {Sent} hostile requests were answered wrongly:\n" + string.Join('\n', _violations));
    }

    private async Task ProbeBodyAsync(HostileEndpoint endpoint, string body, CancellationToken cancellationToken)
    {
        await ExpectAsync(endpoint, "unknown charset", 415, "Content-Type", cancellationToken, Json(body, "application/json; charset=foo"));
        foreach (var variant in JsonVariants.NulInEachString(body))
        {
            await ExpectAsync(endpoint, $"{variant.Change} in {variant.Field}", 400, variant.Field, cancellationToken, Json(variant.Json));
        }

        foreach (var variant in JsonVariants.LoneSurrogateInEachString(body))
        {
            await ExpectAsync(endpoint, $"{variant.Change} in {variant.Field}", 400, variant.Field, cancellationToken, Json(variant.Json));
        }

        foreach (var variant in JsonVariants.EmptyGuidInEachGuid(body))
        {
            await ExpectAsync(endpoint, $"{variant.Change} in {variant.Field}", 400, variant.Field, cancellationToken, Json(variant.Json));
        }

        foreach (var variant in JsonVariants.WrongTypeForEachValue(body))
        {
            await ExpectAsync(endpoint, $"{variant.Change} in {variant.Field}", 400, variant.Field, cancellationToken, Json(variant.Json));
        }

        foreach (var variant in JsonVariants.OversizedEachString(body))
        {
            await ExpectAsync(endpoint, $"{variant.Change} {variant.Field}", null, null, cancellationToken, Json(variant.Json));
        }

        if (endpoint.LeaveOutEachField)
        {
            foreach (var variant in JsonVariants.WithoutEachProperty(body))
            {
                await ExpectAsync(endpoint, $"{variant.Change} {variant.Field}", null, null, cancellationToken, Json(variant.Json));
            }
        }

        foreach (var (change, malformed) in JsonVariants.Malformed.Where(variant => !endpoint.BodyOptional || !JsonVariants.StandsForNoBody(variant.Body)))
        {
            var content = new ByteArrayContent(malformed);
            content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
            await ExpectAsync(endpoint, change, 400, null, cancellationToken, content);
        }
    }

    /// <summary>Sends the request; any answer must be a 4xx ProblemDetails, and <paramref name="status"/> naming <paramref name="field"/> when given.</summary>
    public async Task ExpectAsync(
        HostileEndpoint endpoint, string change, int? status, string? field, CancellationToken cancellationToken, HttpContent? content = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.OnlyRefusal)
        {
            (status, field) = (null, null);
        }

        using var request = Build(endpoint, content ?? Json(endpoint.Body));
        using var response = await client.SendAsync(request, cancellationToken);
        Sent++;
        var code = (int)response.StatusCode;
        if (code >= 500)
        {
            ServerErrors++;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problem = Judge(response, code, body, status, field);
        if (problem is not null)
        {
            _violations.Add($"{endpoint} ({change}): {problem}; answered {code} {Truncate(body)}");
        }
    }

    private static string? Judge(HttpResponseMessage response, int code, string body, int? status, string? field)
    {
        if (code is < 400 or >= 500)
        {
            return "not a 4xx";
        }

        if (status is { } expected && code != expected)
        {
            return $"expected {expected}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return "not a ProblemDetails";
        }

        using var problem = JsonDocument.Parse(body);
        if (!problem.RootElement.TryGetProperty("status", out var statusProperty) || statusProperty.GetInt32() != code)
        {
            return "a ProblemDetails without its status";
        }

        if (field is not null && !(problem.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _)))
        {
            return $"no error for {field}";
        }

        return null;
    }

    private static HttpRequestMessage Build(HostileEndpoint endpoint, HttpContent? content)
    {
        var path = endpoint.Route.Aggregate(endpoint.Template, (template, value) => template.Replace($"{{{value.Key}}}", Uri.EscapeDataString(value.Value), StringComparison.Ordinal));
        var query = string.Join('&', endpoint.Query.Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}"));
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), query.Length == 0 ? path : $"{path}?{query}") { Content = content };
        // As curl does with a large body: ask first, so a server that refuses before reading it (401, 413) can say so
        // instead of closing the connection under a client still sending.
        request.Headers.ExpectContinue = content?.Headers.ContentLength > LargeBodyBytes;
        foreach (var (name, value) in endpoint.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static StringContent? Json(string? body, string contentType = JsonMediaType)
    {
        if (body is null)
        {
            return null;
        }

        var content = new StringContent(body, Encoding.UTF8);
        // Set unchecked: the point of some requests is a Content-Type the client library would not write.
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> values, string name, string value) =>
        new Dictionary<string, string>(values) { [name] = value };

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
