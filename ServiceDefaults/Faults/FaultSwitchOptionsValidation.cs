using Commerce.ServiceDefaults.Validation;
using FluentValidation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Commerce.ServiceDefaults.Faults;

/// <summary>
/// Refuses to start a host whose fault switches are on outside Development and Testing, or whose configured rules
/// could not be applied as written: a service that fails on purpose must never reach production, and a switch that
/// silently did something else than configured would make a fault test pass or fail for the wrong reason.
/// </summary>
internal sealed class FaultSwitchOptionsValidation(IHostEnvironment environment, IValidator<FaultRule> ruleValidator)
    : IValidateOptions<FaultSwitchOptions>
{
    /// <summary>The environment of tests (besides Development) in which the switches may be on.</summary>
    public const string TestingEnvironment = "Testing";

    public ValidateOptionsResult Validate(string? name, FaultSwitchOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        if (!environment.IsDevelopment() && !environment.IsEnvironment(TestingEnvironment))
        {
            return ValidateOptionsResult.Fail(
                $"{FaultSwitchOptions.SectionName}:Enabled is true in the '{environment.EnvironmentName}' environment, but fault " +
                $"injection is only for Development and tests (the environments Development and {TestingEnvironment}). " +
                $"Remove {FaultSwitchOptions.SectionName}__Enabled from this environment's configuration.");
        }

        var failures = new List<string>();
        foreach (var (ruleName, rule) in options.Rules)
        {
            var key = $"{FaultSwitchOptions.SectionName}:Rules:{ruleName}";
            if (!FaultRuleValidator.IsName(ruleName))
            {
                failures.Add($"{key}: {FaultRuleValidator.NameMessage}");
            }

            foreach (var (field, messages) in ruleValidator.Validate(rule).ToFieldErrors())
            {
                failures.AddRange(messages.Select(message => $"{key}:{field}: {message}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
