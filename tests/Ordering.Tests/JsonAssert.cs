using System.Text.Json;

namespace Commerce.Ordering.Tests;

/// <summary>Records holding lists compare the lists by reference; their JSON compares what a client would see.</summary>
internal static class JsonAssert
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Equal<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(actual, Json));
}
