using System.ComponentModel;
using Commerce.Notifications.Api.Domain;
using FluentValidation;

namespace Commerce.Notifications.Api.Apis;

public sealed record NotificationListQuery(
    [property: Description("The customer, as the calling BFF knows them; only their notifications are listed.")] string CustomerId,
    [property: Description("Opaque cursor from the previous page's nextCursor; omit for the first page.")] NotificationCursor? Cursor,
    [property: Description("Notifications per page, 1–100 (default 20).")] int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxCustomerIdLength = 100;
}

public sealed class NotificationListQueryValidator : AbstractValidator<NotificationListQuery>
{
    public NotificationListQueryValidator()
    {
        RuleFor(query => query.CustomerId)
            .Must(id => !string.IsNullOrWhiteSpace(id)).WithMessage("A customer id must not be blank.")
            .MaximumLength(NotificationListQuery.MaxCustomerIdLength);
        RuleFor(query => query.PageSize).InclusiveBetween(1, NotificationListQuery.MaxPageSize);
    }
}
