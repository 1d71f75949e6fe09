using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;

namespace Commerce.Faults.Tests;

/// <summary>
/// A service's fault switches (ServiceDefaults/README.md, "Fault switches"), set through its <c>/faults</c> control API
/// while the system runs: <c>PUT /faults/{name}</c> arms a rule, <c>DELETE /faults</c> clears them all.
/// </summary>
public sealed class FaultSwitches(FaultMatrixSystem system)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async Task SetAsync(string service, string name, object rule)
    {
        using var http = system.App.CreateHttpClient(service, "http");
        using var set = await http.PutAsJsonAsync($"/faults/{name}", rule, Cancellation);
        Assert.True(set.IsSuccessStatusCode, $"{service}: PUT /faults/{name}: {(int)set.StatusCode} {await set.Content.ReadAsStringAsync(Cancellation)}");
    }

    public async Task ClearAsync(string service)
    {
        using var http = system.App.CreateHttpClient(service, "http");
        using var cleared = await http.DeleteAsync("/faults", Cancellation);
        Assert.True(cleared.StatusCode == HttpStatusCode.NoContent, $"{service}: DELETE /faults: {(int)cleared.StatusCode}");
    }
}
