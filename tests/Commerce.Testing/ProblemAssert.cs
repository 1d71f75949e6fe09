using System.Net;
using System.Text.Json;
using Xunit;

namespace Commerce.Testing;

/// <summary>What every Commerce service promises a client that sent something wrong: a 400 ProblemDetails whose <c>errors</c> name the field.</summary>
public static class ProblemAssert
{
    public static async Task NamesFieldAsync(HttpResponseMessage response, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        using var problem = JsonDocument.Parse(body);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
        Assert.True(errors.Contains(field), $"No error for {field}: {body}");
    }
}
