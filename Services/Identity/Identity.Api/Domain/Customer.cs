using Microsoft.AspNetCore.Identity;

namespace Commerce.Identity.Api.Domain;

/// <summary>
/// A customer account. Its <see cref="IdentityUser{TKey}.Id"/> is the customer id: the <c>sub</c> of every token, by
/// which Ordering and Notifications scope each read.
/// </summary>
public sealed class Customer : IdentityUser<Guid>
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>How the storefront greets the customer (the <c>name</c> claim).</summary>
    public string DisplayName { get; set; } = "";
}
