namespace Commerce.Bff.Web.Client.Screens;

/// <summary>
/// Who is signed in (<c>GET /api/session</c>), and the antiforgery request token the browser sends back in
/// <see cref="StorefrontHeaders.AntiforgeryToken"/>. Anonymous visitors get <c>SignedIn: false</c> and a token too.
/// </summary>
public sealed record SessionScreen(bool SignedIn, CustomerProfile? Customer, string AntiforgeryToken);

/// <summary>The signed-in customer as the identity provider named them; <see cref="CustomerId"/> is the token's <c>sub</c>.</summary>
public sealed record CustomerProfile(string CustomerId, string Email, string Name);
