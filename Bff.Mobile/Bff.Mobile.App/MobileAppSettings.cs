using System.Net.Http.Json;

namespace Commerce.Bff.Mobile.App;

/// <summary>
/// What the app must know of its environment before it starts: where Identity is, and who the app is to it. Bff.Mobile
/// serves it (<c>/app-settings.json</c>) from its own configuration, so one build of the app runs anywhere.
/// </summary>
public sealed record MobileAppSettings(Uri Authority, string ClientId, IReadOnlyList<string> Scopes)
{
    public const string Path = "app-settings.json";

    public static async Task<MobileAppSettings> LoadAsync(Uri origin)
    {
        using var http = new HttpClient { BaseAddress = origin };
        return await http.GetFromJsonAsync<MobileAppSettings>(Path)
            ?? throw new InvalidOperationException($"{Path} is empty: the app cannot know where to sign in.");
    }
}
