using FluentValidation;

namespace Commerce.Bff.Shared;

/// <summary>
/// A checkout's <see cref="IdempotencyKeyCheck.Header"/>: there, and one Ordering accepts (1–<see cref="MaxLength"/>
/// printable ASCII characters, no spaces; the clients send a UUID), so a retry is recognised as the same attempt.
/// </summary>
public sealed class IdempotencyKeyValidator : AbstractValidator<IdempotencyKey>
{
    public const int MaxLength = 100;

    public IdempotencyKeyValidator()
    {
        RuleFor(key => key.Value)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"Send an {IdempotencyKeyCheck.Header} header, made once per checkout attempt and sent again on its retries.")
            .MaximumLength(MaxLength)
            .Matches("^[\\x21-\\x7E]+$").WithMessage($"An {IdempotencyKeyCheck.Header} is printable ASCII without spaces.")
            .OverridePropertyName(IdempotencyKeyCheck.Header);
    }
}
