using System.Text.RegularExpressions;
using FluentValidation;

namespace Commerce.ServiceDefaults.Faults;

/// <summary>A rule that can be applied as written: a path pattern, numbers in range, and at least one effect.</summary>
internal sealed partial class FaultRuleValidator : AbstractValidator<FaultRule>
{
    public const string NameMessage = "A fault switch's name is 1 to 100 letters, digits, '-', '_', '.' or '~'.";

    public FaultRuleValidator()
    {
        RuleFor(rule => rule.Path).Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Custom((path, context) =>
            {
                if (PathPattern.ProblemWith(path!) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });
        RuleFor(rule => rule.Method).Matches(HttpMethodToken()).WithMessage("'Method' is an HTTP method such as GET or POST.");
        RuleFor(rule => rule.Latency).GreaterThanOrEqualTo(TimeSpan.Zero);
        RuleFor(rule => rule.ErrorRate).InclusiveBetween(0, 1);
        RuleFor(rule => rule.FailNext).GreaterThanOrEqualTo(0);
        RuleFor(rule => rule.Status).InclusiveBetween(400, 599);
        RuleFor(rule => rule.For).GreaterThanOrEqualTo(TimeSpan.Zero);
        RuleFor(rule => rule).Must(HasAnEffect).OverridePropertyName("Rule")
            .WithMessage("A rule needs at least one effect: latency, errorRate, failNext or crashAfterCommit.");
    }

    /// <summary>
    /// Whether <paramref name="name"/> can name a switch. The name travels in a URL segment and in the <c>X-Fault</c>
    /// header, so it keeps to the characters both carry as they are.
    /// </summary>
    public static bool IsName(string name) => Name().IsMatch(name);

    private static bool HasAnEffect(FaultRule rule) =>
        rule.Latency > TimeSpan.Zero || rule.ErrorRate > 0 || rule.FailNext > 0 || rule.CrashAfterCommit;

    [GeneratedRegex("^[A-Za-z0-9._~-]{1,100}$")]
    private static partial Regex Name();

    [GeneratedRegex("^[A-Za-z]{1,20}$")]
    private static partial Regex HttpMethodToken();
}
