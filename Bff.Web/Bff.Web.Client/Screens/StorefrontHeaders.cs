namespace Commerce.Bff.Web.Client.Screens;

/// <summary>The request headers the storefront's state-changing calls carry.</summary>
public static class StorefrontHeaders
{
    /// <summary>The antiforgery request token of <see cref="SessionScreen.AntiforgeryToken"/>; required on every POST but cart pricing.</summary>
    public const string AntiforgeryToken = "X-CSRF-TOKEN";

    /// <summary>Made once per checkout attempt by the browser and sent again on every retry of it, so one attempt places one order.</summary>
    public const string IdempotencyKey = "Idempotency-Key";
}
