using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.ServiceDefaults.Faults;

/// <summary>
/// Puts <c>/faults</c> and the injection ahead of every service's own pipeline (after the input checks), so no
/// Program.cs has to map or order anything; when the switches are off it adds nothing.
/// </summary>
internal sealed partial class FaultSwitchesStartupFilter(IOptions<FaultSwitchOptions> options, ILogger<FaultSwitchboard> logger)
    : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => !options.Value.Enabled ? next : app =>
    {
        // Built now, so a configured rule's `for` counts from start-up, not from the first request.
        var switchboard = app.ApplicationServices.GetRequiredService<FaultSwitchboard>();
        LogSwitchesOn(logger, FaultSwitchesApi.Path, switchboard.InForce().Count);
        app.Map(FaultSwitchesApi.Path, api => api.Run(FaultSwitchesApi.AnswerAsync));
        app.UseMiddleware<FaultInjection>();
        next(app);
    };

    [LoggerMessage(LogLevel.Warning, "Fault switches are on: {Path} sets them, {Count} are set from configuration")]
    private static partial void LogSwitchesOn(ILogger logger, string path, int count);
}
