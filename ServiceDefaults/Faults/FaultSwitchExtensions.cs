using FluentValidation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Commerce.ServiceDefaults.Faults;

public static class FaultSwitchExtensions
{
    /// <summary>
    /// Fault switches (ServiceDefaults/README.md, "Fault switches"): with <c>Faults:Enabled</c> in Development or
    /// Testing, the rules of <c>Faults:Rules</c> and of the <c>/faults</c> API delay or fail matching requests, or let one
    /// commit and kill the process before it answers. Off, nothing of them is installed; on in any other environment,
    /// the host refuses to start.
    /// </summary>
    public static IServiceCollection AddCommerceFaultSwitches(this IServiceCollection services)
    {
        services.AddOptions<FaultSwitchOptions>().BindConfiguration(FaultSwitchOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FaultSwitchOptions>, FaultSwitchOptionsValidation>();
        services.TryAddSingleton<IValidator<FaultRule>, FaultRuleValidator>();
        services.TryAddSingleton<FaultSwitchboard>();
        services.TryAddSingleton<IProcessTerminator, ProcessTerminator>();
        services.AddTransient<IStartupFilter, FaultSwitchesStartupFilter>();
        return services;
    }
}
