namespace Commerce.Bff.Mobile.Client;

/// <summary>The headers the mobile BFF's calls use beyond <c>Authorization: Bearer</c>.</summary>
public static class MobileHeaders
{
    /// <summary>Made once per checkout attempt by the app and sent again on every retry of it, so one attempt places one order.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>Every GET answers with an <c>ETag</c>; sent back here, an unchanged screen is a 304 with no body.</summary>
    public const string IfNoneMatch = "If-None-Match";
}
